#!/usr/bin/env python3
"""Times whole processes for the start-up benchmark (bench/startup.sh): wall time from the start of a process to its
end (or, for a server, to its first 200 on GET /) and the peak RSS of the largest process it waited for.

    python3 startup_time.py LABEL ROUNDS WARMUP run -- CMD...         time CMD to its exit
    python3 startup_time.py LABEL ROUNDS WARMUP server PORT -- CMD... time CMD's start to the first 200 on
                                                                      http://127.0.0.1:PORT/, then stop it (SIGTERM
                                                                      to its process group) and wait for it

Each command runs WARMUP times unmeasured, then ROUNDS times; prints
RESULT startup=LABEL median_ms=... min_ms=... max_ms=... rss_mib=... (median peak RSS) rounds=N.
The command's output is dropped; a run that exits non-zero (for a server: before its first 200) is an error.
"""
import http.client
import os
import signal
import statistics
import subprocess
import sys
import time


def run_once(cmd):
    t0 = time.monotonic_ns()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    t1 = time.monotonic_ns()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"startup_time: {' '.join(cmd)} exited with {p.returncode}")
    return (t1 - t0) / 1e6, ru.ru_maxrss / 1024


def first_200(port):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        c.request("GET", "/")
        ok = c.getresponse().status == 200
        c.close()
        return ok
    except OSError:
        return False


def server_once(cmd, port):
    t0 = time.monotonic_ns()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    while not first_200(port):
        if p.poll() is not None:
            sys.exit(f"startup_time: {' '.join(cmd)} exited with {p.returncode} before answering")
        if time.monotonic_ns() - t0 > 60e9:
            os.killpg(p.pid, signal.SIGKILL)
            sys.exit(f"startup_time: {' '.join(cmd)} did not answer in 60 s")
        time.sleep(0.002)
    t1 = time.monotonic_ns()
    # SIGTERM to the whole group (SIGINT may be ignored when this runs in the background): the launcher's training
    # run outlives its JVM and writes the AOT cache.
    os.killpg(p.pid, signal.SIGTERM)
    _, _, ru = os.wait4(p.pid, 0)
    return (t1 - t0) / 1e6, ru.ru_maxrss / 1024


def main():
    label, rounds, warmup, mode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    port = int(sys.argv[5]) if mode == "server" else None
    cmd = sys.argv[sys.argv.index("--") + 1:]
    once = (lambda: server_once(cmd, port)) if mode == "server" else (lambda: run_once(cmd))
    for _ in range(warmup):
        once()
    walls, rss = [], []
    for _ in range(rounds):
        w, r = once()
        walls.append(w)
        rss.append(r)
    print(f"RESULT startup={label} median_ms={statistics.median(walls):.1f} min_ms={min(walls):.1f} "
          f"max_ms={max(walls):.1f} rss_mib={statistics.median(rss):.1f} rounds={rounds}", flush=True)


if __name__ == "__main__":
    main()
