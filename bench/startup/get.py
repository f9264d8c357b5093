"""Start-up benchmark (b), aiohttp: one GET of argv[1] with a ClientSession (the twin of Get.java)."""
import asyncio
import sys

import aiohttp


async def main(url):
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as r:
            print(r.status, len(await r.text()))


asyncio.run(main(sys.argv[1]))
