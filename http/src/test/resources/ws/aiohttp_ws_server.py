"""An aiohttp WebSocket server on a free port (printed first): echoes, pings on request, closes with 4002."""
import asyncio
import sys

from aiohttp import web, WSMsgType


async def handler(request):
    ws = web.WebSocketResponse(protocols=("v2",))
    await ws.prepare(request)
    async for msg in ws:
        if msg.type == WSMsgType.TEXT:
            if msg.data == "bye":
                await ws.close(code=4002, message=b"py bye")
            elif msg.data == "ping me":
                await ws.ping(b"srv")
            else:
                await ws.send_str("echo " + msg.data)
        elif msg.type == WSMsgType.BINARY:
            await ws.send_bytes(msg.data)
    print("server closed", ws.close_code, flush=True)
    return ws


async def main():
    app = web.Application()
    app.router.add_get("/ws", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    print(site._server.sockets[0].getsockname()[1], flush=True)
    await asyncio.sleep(60)


asyncio.run(main())
