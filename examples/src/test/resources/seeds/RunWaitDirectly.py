# seed 003, 6.二 5. (asyncio.run(asyncio.wait(...))). Fixed: CPython 3.11+ rejects coroutines in asyncio.wait ("Passing coroutines is forbidden, use tasks explicitly."); here each is wrapped in a task inside the waiting coroutine, as asyncio.wait itself did up to 3.10 and as asyncio4j's Asyncio.wait does.
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

async def wait_all(coros):
    return await asyncio.wait([asyncio.ensure_future(c) for c in coros])

task_list1 = [func1(),func2()]

done, pending = asyncio.run(wait_all(task_list1))
print(done)
