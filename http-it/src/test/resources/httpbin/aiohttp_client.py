"""aiohttp's client against an httpbin at BASE: one line per check, what the Java test expects."""
import asyncio
import sys

import aiohttp


async def main(base):
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as s:
        async with s.get(base + "/get", params={"x": "1"}) as r:
            print("get", r.status, (await r.json())["args"])
        async with s.post(base + "/post", json={"k": [1, 2]}) as r:
            print("post", r.status, (await r.json())["json"])
        async with s.post(base + "/post", data={"f": "v"}) as r:
            print("form", r.status, (await r.json())["form"])
        async with s.get(base + "/gzip") as r:
            print("gzip", r.status, r.headers["Content-Encoding"], (await r.json())["gzipped"])
        async with s.get(base + "/brotli") as r:
            print("brotli", r.status, r.headers["Content-Encoding"], (await r.json())["brotli"])
        async with s.get(base + "/redirect/2") as r:
            print("redirect", r.status, r.url.path, len(r.history))
        async with s.get(base + "/cookies/set", params={"k": "v"}) as r:
            print("cookies", r.status, (await r.json())["cookies"])
        async with s.get(base + "/status/418") as r:
            print("status", r.status)
        async with s.get(base + "/stream/3") as r:
            print("stream", r.status, len([line async for line in r.content]))
        async with s.get(base + "/range/26", headers={"Range": "bytes=0-4"}) as r:
            print("range", r.status, await r.text())
        async with s.get(base + "/basic-auth/u/p", auth=aiohttp.BasicAuth("u", "p")) as r:
            print("auth", r.status, await r.json())
        async with s.get(base + "/delay/0.2") as r:
            print("delay", r.status, sorted(await r.json()))
        async with s.get(base + "/html") as r:
            text = await r.text()
            print("html", r.status, r.content_type, r.charset, "Moby-Dick" in text, len(text.encode()))
        async with s.get(base + "/image", headers={"Accept": "image/*"}) as r:
            print("image", r.status, r.content_type, (await r.read())[:4])
        async with s.get(base + "/links/3") as r:
            print("links", r.status, r.url.path, len(r.history), (await r.text()).count("<a href"))
        async with s.get(base + "/base64/YWlvaHR0cA==") as r:
            print("base64", r.status, await r.text())
        async with s.get(base + "/xml") as r:
            print("xml", r.status, r.content_type, (await r.text()).startswith("<?xml"))


asyncio.run(main(sys.argv[1]))
