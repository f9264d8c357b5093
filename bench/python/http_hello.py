#!/usr/bin/env python3
"""The aiohttp.web side of the HTTP hello-world benchmark: GET / answers "Hello, World!", on asyncio or uvloop.
Prints READY <port>, serves until killed.

    python3 http_hello.py asyncio|uvloop [PORT]
"""
import asyncio
import sys

from aiohttp import web

from _common import loop_factory


async def hello(request):
    return web.Response(text="Hello, World!")


async def main(port):
    app = web.Application()
    app.router.add_get("/", hello)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    print("READY", site._server.sockets[0].getsockname()[1], flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    impl = sys.argv[1] if len(sys.argv) > 1 else "asyncio"
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    loop = loop_factory(impl)()
    asyncio.set_event_loop(loop)
    loop.run_until_complete(main(port))
