# seed 003, 6.一 "gather與wait的區別"
import asyncio

async def func1():
    print("func1")
    await asyncio.sleep(1)
    print("func1 end")

async def func2():
    print("func2")
    await asyncio.sleep(1)
    print("func2 end")

async def gatherwait():
    task = [asyncio.create_task(func1()), asyncio.create_task(func2())]
    await asyncio.wait(task)

asyncio.run(gatherwait())
