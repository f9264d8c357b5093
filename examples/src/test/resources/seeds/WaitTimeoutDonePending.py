# seed 003, 6.二 3. (done, pending after a timeout)
import asyncio

async def func1():
    print("func1")
    await asyncio.sleep(1)
    print("func1 end")

async def func2():
    print("func2")
    await asyncio.sleep(1)
    print("func2 end")
    return 'func2 finish'

async def waitexp():
    print('start')

    task_list1 = [asyncio.create_task(func1()), asyncio.create_task(func2())]

    done, pending = await asyncio.wait(task_list1, timeout=0.5)
    print(done) 
    print(pending)

    print('finish')

asyncio.run(waitexp())
