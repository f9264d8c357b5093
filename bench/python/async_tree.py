#!/usr/bin/env python3
"""pyperformance's async_tree ("none" variant), the twin of io.asyncio4j.bench.AsyncTreeBench.

Depth 6, branching 6 (55,986 tasks per tree); inner nodes wait for their children with gather or a TaskGroup,
leaves return at once. One round is one asyncio.run of one tree. Suffixes of the variant: -cached makes the leaves
look a key up in a cache of 4096 keys (the leaf's number modulo that): a miss fills the cache and yields once
(sleep(0)), a hit returns at once (about 91% of the leaves); -eager sets asyncio.eager_task_factory (3.12+) on the loop.

    python3 async_tree.py asyncio|uvloop gather|taskgroup[-cached][-eager] [ROUNDS] [WARMUP]

Prints RESULT impl=<impl> tree=<variant> best_ms=.. median_ms=..
"""
import asyncio
import gc
import re
import statistics
import sys
import time

from _common import describe, run

LEVELS = 6
BRANCHES = 6
CACHE_KEYS = 4096

cache = set()
leaf_counter = 0
cached_leaves = False


async def leaf():
    global leaf_counter
    if cached_leaves:
        key = leaf_counter % CACHE_KEYS
        leaf_counter += 1
        if key not in cache:
            cache.add(key)  # before the I/O: later leaves of the key are hits, however the tasks interleave
            await asyncio.sleep(0)


async def with_gather(level):
    if level == 0:
        return await leaf()
    await asyncio.gather(*[with_gather(level - 1) for _ in range(BRANCHES)])


async def with_task_group(level):
    if level == 0:
        return await leaf()
    async with asyncio.TaskGroup() as tg:
        for _ in range(BRANCHES):
            tg.create_task(with_task_group(level - 1))


async def eager_root(tree):
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    await tree


def one_round(impl, variant):
    global cached_leaves, leaf_counter
    gc.collect()
    cached_leaves = "-cached" in variant
    cache.clear()
    leaf_counter = 0
    root = with_gather if variant.startswith("gather") else with_task_group
    tree = root(LEVELS)
    if "-eager" in variant:
        tree = eager_root(tree)
    t0 = time.perf_counter_ns()
    run(impl, tree)
    return (time.perf_counter_ns() - t0) / 1e6


def main(argv):
    if len(argv) < 3 or not re.fullmatch(r"(gather|taskgroup)(-cached)?(-eager)?", argv[2]):
        sys.exit(__doc__)
    impl, variant = argv[1], argv[2]
    rounds = int(argv[3]) if len(argv) > 3 else 10
    warmup = int(argv[4]) if len(argv) > 4 else 1
    print(f"# {describe(impl)}: async_tree with {variant}, depth {LEVELS}, branching {BRANCHES}, "
          f"{warmup} warm-up + {rounds} rounds", flush=True)
    for i in range(warmup):
        print(f"warmup {i + 1}: {one_round(impl, variant):.1f} ms", flush=True)
    ms = []
    for i in range(rounds):
        ms.append(one_round(impl, variant))
        print(f"round {i + 1}: {ms[-1]:.1f} ms", flush=True)
    print(f"RESULT impl={impl} tree={variant} best_ms={min(ms):.2f} median_ms={statistics.median(ms):.2f}", flush=True)


if __name__ == "__main__":
    main(sys.argv)
