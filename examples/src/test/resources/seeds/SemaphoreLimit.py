# seed 003, 8. Semaphore: the program without the limit, then the one with Semaphore(3). URL: the seed's
# http://www.google.com.tw is the local httpbin's /get (regenerate.sh serves it on 127.0.0.1:18765).
import asyncio
import aiohttp
import time

async def req(delay):
    print(f'waiting for semaphore with {delay} seconds delay')
    async with aiohttp.ClientSession() as session:
        async with session.get('http://127.0.0.1:18765/get') as resp:
            print(f'got response {resp.status}')
            await asyncio.sleep(delay)

async def semtext():
    start = time.time()
    delay_list = [3,2,8,4,1,5,7,6,9,10,3,6]
    task_list= []
    for delay in delay_list:
        task = asyncio.create_task(req(delay))
        task_list.append(task)
    await asyncio.gather(*task_list)

    end = time.time()
    print(f'cost {end-start} seconds')

asyncio.run(semtext())

import asyncio
import aiohttp
import time

async def req(delay,sem):
    print(f'waiting for semaphore with {delay} seconds delay')
    async with sem:
        async with aiohttp.ClientSession() as session:
            async with session.get('http://127.0.0.1:18765/get') as resp:
                print(f'got response {resp.status}')
                await asyncio.sleep(delay)

async def semtext():
    start = time.time()
    delay_list = [3,2,8,4,1,5,7,6,9,10,3,6]
    task_list= []
    sem = asyncio.Semaphore(3)
    for delay in delay_list:
        task = asyncio.create_task(req(delay,sem))
        task_list.append(task)
    await asyncio.gather(*task_list)

    end = time.time()
    print(f'cost {end-start} seconds')

asyncio.run(semtext())
