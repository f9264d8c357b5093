# seed 003, 6.二 1. (wait with timeout=0.5)
import asyncio

async def func1():
    print("func1")
    await asyncio.sleep(1)
    print("func1 end")

async def func2():
    print("func2")
    await asyncio.sleep(1)
    print("func2 end")

async def waitexp():
    print('start')

    task_list1 = [asyncio.create_task(func1()), asyncio.create_task(func2())]

    await asyncio.wait(task_list1, timeout=0.5)

    print('finish')

asyncio.run(waitexp())
