# seed 003, 4.二 例子1 (await fetch_data(), then await print_numbers())
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
    await fetch_data()
    await print_numbers()

asyncio.run(xxx())
