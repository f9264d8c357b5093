#!/usr/bin/env python3
"""The aiohttp side of the HTTP client benchmark: N GETs of URL at concurrency C, one ClientSession, on asyncio or
uvloop. A warm-up round of N/10, then ROUNDS rounds; prints RESULT impl=.. rps=<median> best_rps=..

    python3 http_client.py asyncio|uvloop URL [N=20000 [C=100 [ROUNDS=3]]]
"""
import statistics
import sys
import time

import aiohttp

from _common import run


async def one_round(url, n, c):
    left = n
    total = 0

    async def worker(session):
        nonlocal left, total
        while left > 0:
            left -= 1
            async with session.get(url) as r:
                total += len(await r.read())

    connector = aiohttp.TCPConnector(limit=c)
    async with aiohttp.ClientSession(connector=connector) as session:
        import asyncio
        await asyncio.gather(*(worker(session) for _ in range(c)))
    return total


def main():
    impl, url = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
    c = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 3
    rps = []
    for i in range(-1, rounds):
        count = max(1, n // 10) if i < 0 else n
        t0 = time.perf_counter()
        size = run(impl, one_round(url, count, c))
        s = time.perf_counter() - t0
        if i >= 0:
            rps.append(count / s)
            print(f"round {i + 1}: {count / s:,.0f} requests/s ({size} body bytes)")
    print(f"RESULT impl=aiohttp-{impl} requests={n} concurrency={c} rps={statistics.median(rps):.0f} best_rps={max(rps):.0f}")


if __name__ == "__main__":
    main()
