# seed 000, "aiohttp" (five ensure_future requests, asyncio.gather). URL: the seed's https://www.baidu.com/{} is
# the local httpbin's /range/1{} (regenerate.sh serves it on 127.0.0.1:18765): /range/10 .. /range/14, bodies of
# 10 to 14 letters, the same on every run.
import time
import asyncio
from aiohttp import ClientSession

tasks = []
url = "http://127.0.0.1:18765/range/1{}"
async def hello(url):
    async with ClientSession() as session:
        async with session.get(url) as response:
            print(response)
            print('Hello World:%s' % time.time())
            return await response.read()

def run():
    for i in range(5):
        task = asyncio.ensure_future(hello(url.format(i)))
        tasks.append(task)
    result = loop.run_until_complete(asyncio.gather(*tasks))
    print(result)

if __name__ == '__main__':
    loop = asyncio.get_event_loop()
    run()
