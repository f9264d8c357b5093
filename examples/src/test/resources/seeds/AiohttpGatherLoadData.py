# seed 003, 6.三 gather詳解: the three programs one after the other (one line between the last two, see there).
# URL: the seed's http://httpbin.org is the local httpbin (regenerate.sh serves it on 127.0.0.1:18765).
from timeit import default_timer
import asyncio
import aiohttp

async def load_data(session, delay):
    print(f'Starting {delay} second timer')
    async with session.get(f'http://127.0.0.1:18765/delay/{delay}') as resp: # 此處，resp等於session.get(url)
        text = await resp.text() # 這裡即等於awiat session.get(url).text()
        print(f'Completed {delay} second timer')
        return text

# 這裡必須要把原來在elapsedtime()中的sleep抽出來
async def sleep(): 
    await asyncio.sleep(1)
    print('Doing other work')

async def elapsedtime():
    # Start the timer
    start_time = default_timer()

    # Creating a single session
    # 下面，session等於aiohttp.ClientSession()，聯繫load_data()中的session，則resp等於aiohttp.ClientSession().get(url)
    async with aiohttp.ClientSession() as session: 
        # 下面，load_data()中的text等於await aiohttp.ClientSession().get(http://127.0.0.1:18765/delay/1).text()，當中text()對應return text的值
        one_task = sleep()
        two_task = load_data(session, 2) 
        three_task = load_data(session, 3)

        # 這裡當task執行後，text進入等候，然後下面便要等候sleep結束，print出doing other work
        # await asyncio.sleep(1)
        # print('Doing other work')

        # 之後就等待兩個task結束才能進行下一步，而task裡就進行到text，當中就有delay停頓，兩個task重疊便停頓3秒
        # two_result = await two_task
        # three_result = await three_task

        # 這裡就是等待三個task結束，並且把三個task的結果gather起來，並且把結果傳回result
        # 並且不用create_task()因為gather()已經把task自動放入event_loop裡了
        result = await asyncio.gather(one_task, two_task, three_task)

        # 接著兩個task返回text值，寫在了Completed {delay} second timer裡，接著兩個task結束，print出總用時值（即elapsed time）
        elapsed_time = default_timer() - start_time
        print(f'The operation took {elapsed_time:.2} seconds')

asyncio.run(elapsedtime())

from timeit import default_timer
import asyncio
import aiohttp

async def load_data(session, delay):
    print(f'Starting {delay} second timer')
    async with session.get(f'http://127.0.0.1:18765/delay/{delay}') as resp: # 此處，resp等於session.get(url)
        text = await resp.text() # 這裡即等於awiat session.get(url).text()
        print(f'Completed {delay} second timer')
        return text

async def elapsedtime():
    # Start the timer
    start_time = default_timer()

    # Creating a single session
    # 下面，session等於aiohttp.ClientSession()，聯繫load_data()中的session，則resp等於aiohttp.ClientSession().get(url)
    async with aiohttp.ClientSession() as session: 
        # 下面，load_data()中的text等於await aiohttp.ClientSession().get(http://127.0.0.1:18765/delay/1).text()，當中text()對應return text的值
        two_task = load_data(session, 2)
        three_task = load_data(session, 3)
        task_list = [two_task, three_task]
        # 這裡當task執行後，text進入等候，然後下面便要等候sleep結束，print出doing other work
        await asyncio.sleep(1)
        print('Doing other work')

        result = await asyncio.gather(*task_list) # 這裡就是等待整個list都得到結果，並且將結果放入result

        # 接著兩個task返回text值，寫在了Completed {delay} second timer裡，接著兩個task結束，print出總用時值（即elapsed time）
        elapsed_time = default_timer() - start_time
        print(f'The operation took {elapsed_time:.2} seconds')

asyncio.run(elapsedtime())

# Not in the seed: the fresh event loop the third program would get as a process of its own (after asyncio.run(),
# asyncio.get_event_loop() raises RuntimeError in the same process).
asyncio.set_event_loop(asyncio.new_event_loop())

from timeit import default_timer
import asyncio
import aiohttp

async def load_data(session, delay):
    print(f'Starting {delay} second timer')
    async with session.get(f'http://127.0.0.1:18765/delay/{delay}') as resp: # 此處，resp等於session.get(url)
        text = await resp.text() # 這裡即等於awiat session.get(url).text()
        print(f'Completed {delay} second timer')
        return text

async def sleep(): 
    await asyncio.sleep(1)
    print('Doing other work')

async def elapsedtime():
    # Start the timer
    start_time = default_timer()

    # Creating a single session
    # 下面，session等於aiohttp.ClientSession()，聯繫load_data()中的session，則resp等於aiohttp.ClientSession().get(url)
    async with aiohttp.ClientSession() as session: 
        # 下面，load_data()中的text等於await aiohttp.ClientSession().get(http://127.0.0.1:18765/delay/1).text()，當中text()對應return text的值
        one_task = sleep()
        two_task = load_data(session, 2) 
        three_task = load_data(session, 3)
        task_list = [one_task, two_task, three_task]
        # 這裡當task執行後，text進入等候，然後下面便要等候sleep結束，print出doing other work
        # await asyncio.sleep(1)
        # print('Doing other work')

        # 之後就等待兩個task結束才能進行下一步，而task裡就進行到text，當中就有delay停頓，兩個task重疊便停頓3秒
        # two_result = await two_task
        # three_result = await three_task

        # 這裡就是等待三個task結束，並且把三個task的結果gather起來，並且把結果傳回result
        # 並且不用create_task()因為gather()已經把task自動放入event_loop裡了
        result = await asyncio.gather(*task_list)

        # 接著兩個task返回text值，寫在了Completed {delay} second timer裡，接著兩個task結束，print出總用時值（即elapsed time）
        elapsed_time = default_timer() - start_time
        print(f'The operation took {elapsed_time:.2} seconds')

loop = asyncio.get_event_loop()
loop.run_until_complete(elapsedtime())
