"""bench/sendfile.sh's aiohttp.web server: GET /<name> answers with web.FileResponse of DIR/<name>."""
import sys
from pathlib import Path

from aiohttp import web

root = Path(sys.argv[2])


async def handler(request):
    return web.FileResponse(root / request.match_info["name"])


app = web.Application()
app.router.add_get("/{name}", handler)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
