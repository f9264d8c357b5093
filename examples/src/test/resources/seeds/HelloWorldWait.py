# seed 000, "asyncio" (second program). Fixed: CPython 3.11+ rejects coroutines in asyncio.wait ("Passing
# coroutines is forbidden, use tasks explicitly."); each hello() is wrapped in a task, as asyncio.wait itself did
# up to 3.10 and as asyncio4j's Asyncio.wait does.
import time
import asyncio

async def hello():
    print('Hello World:%s' % time.time())

    await asyncio.sleep(1)
    print('Hello wow World:%s' % time.time())

def run():
    tasks = []
    for i in range(5):
        tasks.append(loop.create_task(hello()))
    loop.run_until_complete(asyncio.wait(tasks))

loop = asyncio.get_event_loop()

if __name__ == '__main__':
    run()
