#!/usr/bin/env python3
"""pyperformance's async_tree ("none" variant), the twin of io.asyncio4j.bench.AsyncTreeBench.

Depth 6, branching 6 (55,986 tasks per tree); inner nodes wait for their children with gather or a TaskGroup,
leaves return at once. One round is one asyncio.run of one tree.

    python3 async_tree.py asyncio|uvloop gather|taskgroup [ROUNDS] [WARMUP]

Prints RESULT impl=<impl> tree=<variant> best_ms=.. median_ms=..
"""
import asyncio
import gc
import statistics
import sys
import time

from _common import describe, run

LEVELS = 6
BRANCHES = 6


async def with_gather(level):
    if level == 0:
        return
    await asyncio.gather(*[with_gather(level - 1) for _ in range(BRANCHES)])


async def with_task_group(level):
    if level == 0:
        return
    async with asyncio.TaskGroup() as tg:
        for _ in range(BRANCHES):
            tg.create_task(with_task_group(level - 1))


def one_round(impl, variant):
    gc.collect()
    root = with_gather if variant == "gather" else with_task_group
    t0 = time.perf_counter_ns()
    run(impl, root(LEVELS))
    return (time.perf_counter_ns() - t0) / 1e6


def main(argv):
    if len(argv) < 3 or argv[2] not in ("gather", "taskgroup"):
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
