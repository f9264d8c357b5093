# seed 003, 9. asyncio在class中的用法. URL: the seed's https://www.google.com.tw/ is the local httpbin's /get
# (regenerate.sh serves it on 127.0.0.1:18765).
import asyncio
import aiohttp

url = 'http://127.0.0.1:18765/get'

class activate:
    def __init__(self):
        self.name = 'Heisenberg'

    async def req(self,url):
        async with aiohttp.ClientSession() as client:
            resp = await client.get(url)
            print(resp)

test = activate()

asyncio.run(test.req(url))
