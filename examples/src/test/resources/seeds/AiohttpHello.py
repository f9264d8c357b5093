# seed 000, "aiohttp" (first program). URL: the seed's http://fengqigang.cn/ is the local httpbin's /robots.txt
# (regenerate.sh serves it on 127.0.0.1:18765), a page whose bytes are the same on every run.
import asyncio
from aiohttp import ClientSession

tasks = []
url = "http://127.0.0.1:18765/robots.txt"
async def hello(url):
    async with ClientSession() as session:
        async with session.get(url) as response:
            response = await response.read()
            print(response)

if __name__ == '__main__':
    loop = asyncio.get_event_loop()
    loop.run_until_complete(hello(url))
