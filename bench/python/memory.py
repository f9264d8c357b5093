#!/usr/bin/env python3
"""Memory per parked task, the twin of io.asyncio4j.bench.MemoryBench.

COUNT tasks all await one pending Future; once all have started and parked (main awaits sleep(0) twice),
memory after minus memory before creating them, divided by COUNT. The list that holds the tasks is allocated
(pre-sized) before the baseline, so it is not counted, as in the Java twin.

    python3 memory.py asyncio|uvloop [COUNT] [tracemalloc|rss]

method tracemalloc (default): bytes of Python-allocator blocks traced by tracemalloc (started before the
baseline; its own bookkeeping is not counted) -- the closest thing to the JVM's "heap used".
method rss: the process's resident set size from /proc/self/statm (includes allocator slack and fragmentation).

Prints  RESULT impl=<impl> tasks=COUNT bytes_per_task=<bytes> method=<method>
"""
import asyncio
import gc
import os
import sys
import tracemalloc

from _common import describe, run

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


def used(method):
    gc.collect()
    if method == "tracemalloc":
        return tracemalloc.get_traced_memory()[0]
    return rss_bytes()


async def parked(gate, started):
    started[0] += 1
    await gate


async def main(count, method):
    loop = asyncio.get_running_loop()
    gate = loop.create_future()
    tasks = [None] * count
    started = [0]
    before = used(method)
    for i in range(count):
        tasks[i] = asyncio.create_task(parked(gate, started))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    if started[0] != count:
        raise RuntimeError(f"only {started[0]} of {count} tasks started")
    after = used(method)
    print(f"{method} before {before:,} B, with {count:,} parked tasks {after:,} B", flush=True)
    gate.set_result(None)
    await asyncio.gather(*tasks)
    return (after - before) / count


def main_cli(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    impl = argv[1]
    count = int(argv[2]) if len(argv) > 2 else 1_000_000
    method = argv[3] if len(argv) > 3 else "tracemalloc"
    if method not in ("tracemalloc", "rss"):
        sys.exit(f"unknown method {method!r}: use tracemalloc or rss")
    print(f"# {describe(impl)}: {count:,} tasks parked on one Future, method {method}", flush=True)
    if method == "tracemalloc":
        tracemalloc.start()
    per_task = run(impl, main(count, method))
    print(f"RESULT impl={impl} tasks={count} bytes_per_task={per_task:.1f} method={method}", flush=True)


if __name__ == "__main__":
    main_cli(sys.argv)
