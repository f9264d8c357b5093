"""aiohttp's WebSocket client against the URL in argv[1]; prints one line per step."""
import asyncio
import sys

import aiohttp


async def main(url):
    async with aiohttp.ClientSession() as session:
        compress = int(sys.argv[2]) if len(sys.argv) > 2 else 0
        async with session.ws_connect(url, protocols=("v1",), autoping=False, compress=compress) as ws:
            print("protocol", ws.protocol, ws.compress)
            await ws.send_str("héllo")
            print("text", (await ws.receive_str()))
            await ws.send_bytes(bytes(range(256)) * 400)
            data = await ws.receive_bytes()
            print("binary", len(data), data == bytes(range(256)) * 400)
            await ws.ping(b"p1")
            msg = await ws.receive()
            print("pong", msg.type.name, bytes(msg.data))
            await ws.send_str("bye")
            msg = await ws.receive()
            print("close", msg.type.name, msg.data, msg.extra)
            print("close_code", ws.close_code)
    sys.stdout.flush()


asyncio.run(main(sys.argv[1]))
