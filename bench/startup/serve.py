"""Start-up benchmark (c), aiohttp.web: GET / answers "Hello, World!" on 127.0.0.1:argv[1] (the twin of Serve.java)."""
import sys

from aiohttp import web


async def hello(request):
    return web.Response(text="Hello, World!")


app = web.Application()
app.router.add_get("/", hello)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
