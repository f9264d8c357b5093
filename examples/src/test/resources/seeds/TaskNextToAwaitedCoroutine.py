# seed 003, 4.二 例子2 (a task for print_numbers, fetch_data awaited directly)
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
    task2 = asyncio.create_task(print_numbers())

    await fetch_data()
    await task2

asyncio.run(xxx())
