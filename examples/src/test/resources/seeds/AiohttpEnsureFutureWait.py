# seed 000, "aiohttp" (five ensure_future requests, asyncio.wait). URL: the seed's https://www.baidu.com is the
# local httpbin's /get (regenerate.sh serves it on 127.0.0.1:18765).
import time
import asyncio
from aiohttp import ClientSession

tasks = []
url = "http://127.0.0.1:18765/get"
async def hello(url):
    async with ClientSession() as session:
        async with session.get(url) as response:
            response = await response.read()
            print('Hello World:%s' % time.time())

def run():
    for i in range(5):
        task = asyncio.ensure_future(hello(url.format(i)))
        tasks.append(task)

if __name__ == '__main__':
    loop = asyncio.get_event_loop()
    run()
    loop.run_until_complete(asyncio.wait(tasks))
