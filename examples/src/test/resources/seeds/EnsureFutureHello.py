# seed 004, "asyncio协程的调用逻辑"
import asyncio

async def hello(name):
    print('hello',name)

coro = hello("world") # 协程对象

loop = asyncio.get_event_loop()

task = asyncio.ensure_future(coro)

loop.run_until_complete(task)
