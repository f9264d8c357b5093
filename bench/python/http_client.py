#!/usr/bin/env python3
"""The aiohttp side of the HTTP client benchmark: N GETs of URL at concurrency C, one ClientSession, on asyncio or
uvloop. Warm-up rounds of N until WARMUP seconds have passed (as ClientBench does for the JIT's sake), then ROUNDS
measured rounds; prints RESULT impl=.. rps=<median> best_rps=.. cold_rps=<first warm-up round>

    python3 http_client.py asyncio|uvloop URL [N=20000 [C=100 [ROUNDS=3 [WARMUP=8]]]]
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
    warmup = float(sys.argv[6]) if len(sys.argv) > 6 else 8

    def one(label):
        t0 = time.perf_counter()
        size = run(impl, one_round(url, n, c))
        rps = n / (time.perf_counter() - t0)
        print(f"{label}: {rps:,.0f} requests/s ({size} body bytes)")
        return rps

    end = time.perf_counter() + warmup
    cold = one("warm-up round 1")
    w = 1
    while time.perf_counter() < end:
        w += 1
        one(f"warm-up round {w}")
    rps = [one(f"round {i + 1}") for i in range(rounds)]
    print(f"RESULT impl=aiohttp-{impl} requests={n} concurrency={c} rps={statistics.median(rps):.0f} "
          f"best_rps={max(rps):.0f} cold_rps={cold:.0f}")


if __name__ == "__main__":
    main()
