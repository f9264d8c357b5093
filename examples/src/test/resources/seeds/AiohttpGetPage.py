# seed 002, "例子" (get_page with aiohttp, asyncio.wait). URL: the seed's blog page is the local httpbin's
# /robots.txt (regenerate.sh serves it on 127.0.0.1:18765). Fixed: CPython 3.11+ rejects coroutines in
# asyncio.wait ("Passing coroutines is forbidden, use tasks explicitly."); each coroutine is wrapped in a task, as
# asyncio.wait itself did up to 3.10 and as asyncio4j's Asyncio.wait does.
import asyncio
from asyncio import sleep

import aiohttp

async def get_page():
    async with aiohttp.ClientSession() as session:
        # async with session.get('https://www.baidu.com') as resp:
        async with session.get('http://127.0.0.1:18765/robots.txt') as resp:
            print(resp.status)
            print(await resp.text())
            await session.close()

loop = asyncio.get_event_loop()
# 执行多个函数任务队列
tasks = [loop.create_task(c) for c in [get_page(),sleep(5), get_page()]]

# asyncio.wait 并发协程
loop.run_until_complete(asyncio.wait(tasks))

# asyncio.gather 并发协程
# loop.run_until_complete(asyncio.gather(tasks))


# 执行单个函数
# loop.run_until_complete(get_page())
loop.close()
