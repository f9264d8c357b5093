#!/usr/bin/env python3
"""The aiohttp.web side of the HTTP hello-world benchmark: GET / answers "Hello, World!", on asyncio or uvloop.
Prints READY <port>, serves until killed.

    python3 http_hello.py asyncio|uvloop [PORT] [PROCESSES]

With PROCESSES > 1 (one loop per core, as aiohttp is deployed on several cores), the parent reserves the port (a
socket with SO_REUSEPORT, bound but not listening, so that port 0 gives every process the same port), forks
PROCESSES children, each serving with its own loop and its own TCPSite(..., reuse_port=True) on that port, prints
READY <port> once all of them listen, and on SIGTERM or SIGINT ends them and exits. The kernel spreads the
connections between the children's sockets.
"""
import asyncio
import os
import signal
import socket
import sys

from aiohttp import web

from _common import loop_factory


async def hello(request):
    return web.Response(text="Hello, World!")


async def main(port, reuse_port=False, ready=None):
    app = web.Application()
    app.router.add_get("/", hello)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port, reuse_port=reuse_port or None)
    await site.start()
    if ready is None:
        print("READY", site._server.sockets[0].getsockname()[1], flush=True)
    else:
        os.write(ready, b"1")
        os.close(ready)
    await asyncio.Event().wait()


def serve(impl, port, reuse_port=False, ready=None):
    loop = loop_factory(impl)()
    asyncio.set_event_loop(loop)
    loop.run_until_complete(main(port, reuse_port, ready))


def serve_processes(impl, port, processes):
    reserve = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    reserve.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    reserve.bind(("127.0.0.1", port))  # not listening: it takes no connections, it only holds the port
    port = reserve.getsockname()[1]
    children = []
    for _ in range(processes):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            reserve.close()
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            try:
                serve(impl, port, True, w)
            finally:
                os._exit(1)
        os.close(w)
        children.append((pid, r))
    for pid, r in children:
        if os.read(r, 1) != b"1":
            sys.exit(f"a child (pid {pid}) did not start")
        os.close(r)
    reserve.close()
    print("READY", port, flush=True)

    def stop(signum, frame):
        for pid, _ in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for pid, _ in children:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while True:
        signal.pause()


if __name__ == "__main__":
    impl = sys.argv[1] if len(sys.argv) > 1 else "asyncio"
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    processes = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    if processes > 1:
        serve_processes(impl, port, processes)
    else:
        serve(impl, port)
