#!/usr/bin/env python3
"""Task-switch benchmark, the twin of io.asyncio4j.bench.SwitchBench.

T tasks each do `await asyncio.sleep(0)` N times; the whole asyncio.run(main()) is timed and divided by T*N.

    python3 switch.py asyncio|uvloop TASKS SWITCHES [ROUNDS] [WARMUP]

Prints one line per round and a final line
    RESULT impl=<impl> tasks=T switches=N best_ns=<ns/switch> median_ns=<ns/switch>
"""
import asyncio
import gc
import statistics
import sys
import time

from _common import describe, run


async def worker(n):
    for _ in range(n):
        await asyncio.sleep(0)


async def main(tasks, switches):
    ts = [asyncio.create_task(worker(switches)) for _ in range(tasks)]
    await asyncio.gather(*ts)


def one_round(impl, tasks, switches):
    gc.collect()
    t0 = time.perf_counter_ns()
    run(impl, main(tasks, switches))
    return (time.perf_counter_ns() - t0) / (tasks * switches)


def main_cli(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    impl, tasks, switches = argv[1], int(argv[2]), int(argv[3])
    rounds = int(argv[4]) if len(argv) > 4 else 5
    warmup = int(argv[5]) if len(argv) > 5 else 1
    print(f"# {describe(impl)}: {tasks} tasks x {switches} sleep(0), {warmup} warm-up + {rounds} rounds", flush=True)
    for i in range(warmup):
        print(f"warmup {i + 1}: {one_round(impl, tasks, switches):.1f} ns/switch", flush=True)
    results = []
    for i in range(rounds):
        r = one_round(impl, tasks, switches)
        results.append(r)
        print(f"round {i + 1}: {r:.1f} ns/switch", flush=True)
    print(f"RESULT impl={impl} tasks={tasks} switches={switches} "
          f"best_ns={min(results):.1f} median_ns={statistics.median(results):.1f}", flush=True)


if __name__ == "__main__":
    main_cli(sys.argv)
