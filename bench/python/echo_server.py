#!/usr/bin/env python3
"""uvloop's echo benchmark servers: asyncio or uvloop, streams or protocol. Prints READY <port>, serves until killed.

    python3 echo_server.py asyncio|uvloop streams|protocol [PORT]
"""
import asyncio
import socket
import sys

from _common import loop_factory


async def echo_client_streams(reader, writer):
    sock = writer.get_extra_info('socket')
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except (OSError, NameError):
        pass
    while True:
        data = await reader.read(1000000)
        if not data:
            break
        writer.write(data)
    writer.close()


class EchoProtocol(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        sock = transport.get_extra_info('socket')
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except (OSError, NameError):
            pass

    def connection_lost(self, exc):
        self.transport = None

    def data_received(self, data):
        self.transport.write(data)


async def main(mode, port):
    loop = asyncio.get_running_loop()
    if mode == "streams":
        server = await asyncio.start_server(echo_client_streams, "127.0.0.1", port)
    else:
        server = await loop.create_server(EchoProtocol, "127.0.0.1", port)
    print(f"READY {server.sockets[0].getsockname()[1]}", flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    impl, mode = sys.argv[1], sys.argv[2]
    port = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    with asyncio.Runner(loop_factory=loop_factory(impl)) as runner:
        runner.run(main(mode, port))
