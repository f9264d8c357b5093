#!/usr/bin/env bash
# Regenerates every NAME.out: CPython's stdout for NAME.py under the virtual clock (see virtual_clock.py).
# The HTTP programs talk to a local httpbin on 127.0.0.1:18765, started here: the reference (Debian's
# python3-httpbin) by default, or any other server given as HTTPBIN_CMD (e.g. "../../../../../asyncio4j httpbin
# --port 18765" for asyncio4j's app). Their programs also need python3-aiohttp and python3-requests.
cd "$(dirname "$0")"
HTTPBIN_CMD="${HTTPBIN_CMD:-/usr/bin/python3 -m httpbin.core --port 18765}"
if /usr/bin/python3 -c 'import socket; socket.create_connection(("127.0.0.1", 18765), 1)' 2>/dev/null; then
  echo "regenerate.sh: 127.0.0.1:18765 is taken; the HTTP programs need it for their httpbin" >&2
  exit 1
fi
$HTTPBIN_CMD >/dev/null 2>&1 &
httpbin=$!
trap 'kill $httpbin 2>/dev/null; wait $httpbin 2>/dev/null' EXIT
for _ in $(seq 100); do
  /usr/bin/python3 -c 'import urllib.request; urllib.request.urlopen("http://127.0.0.1:18765/get")' 2>/dev/null && break
  sleep 0.2
done
for p in [A-Z]*.py; do
  /usr/bin/python3 -W ignore virtual_clock.py "$p" > "${p%.py}.out" 2>"${p%.py}.err" || echo "$p: exit $?" >&2
  [ -s "${p%.py}.err" ] || rm -f "${p%.py}.err"
done
