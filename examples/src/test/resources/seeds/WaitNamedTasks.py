# seed 003, 6.二 4. (named tasks)
import asyncio

async def func1():
    print("func1")
    await asyncio.sleep(1)
    print("func1 end")

async def func2():
    print("func2")
    await asyncio.sleep(1)
    print("func2 end")
    return 'func2 return'

async def waitexp():
    print('start')

    task_list1 = [
        asyncio.create_task(func1(), name='func1'),
        asyncio.create_task(func2(), name='func2'),
    ]

    done, pengding = await asyncio.wait(task_list1,timeout=2)
    print(done,pengding)

    print('finish')

asyncio.run(waitexp())
