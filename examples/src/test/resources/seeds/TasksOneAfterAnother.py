# seed 003, 4.二 (last program: each task created after the previous one is awaited)
import asyncio

async def fetch_data():
    print('start fetching')
    await asyncio.sleep(2)
    print('done fetching')
    return {'data': 1}

async def print_numbers():
    for i in range(10):
        print(i)
        await asyncio.sleep(0.25)

async def xxx():
    print('start')

    task1 = asyncio.create_task(fetch_data())
    value = await task1

    print('end')

    task2 = asyncio.create_task(print_numbers())
    await task2
    
    print(value)

asyncio.run(xxx())
