# seed 004, "回调方法"
import asyncio

async def hello(x):
    await asyncio.sleep(x)
    return x


def callback(future):
    sum = 10 + future.result()
    print('回调返回值是', sum)


coro = hello(3)  # 协程对象

loop = asyncio.get_event_loop()

task = asyncio.ensure_future(coro)
task.add_done_callback(callback)

loop.run_until_complete(task)

print('返回结果'.format(task.result()))
