"""Runs a seed program on CPython with the clock asyncio4j's virtual time uses.

    python3 virtual_clock.py PROGRAM.py > PROGRAM.out

The loop's time() starts at 0 and, whenever nothing is ready, no executor job is running and no socket is
watched, jumps to the next timer; time.time(), time.perf_counter() (timeit's default_timer), time.strftime() and
datetime.datetime.now() read the same clock (0 is 1970-01-01 00:00:00 UTC). While the loop waits for a socket (an
HTTP program waiting for the local httpbin, another process) the clock moves with the real time that passes, as
asyncio4j's virtual time does; a program that runs no loop sees the clock stand still. Everything else is
CPython's own asyncio, so the output is what CPython prints for the program, without the wall-clock noise.
"""
import asyncio
import datetime
import runpy
import sys
import time

now = 0.0


_real_clock = time.monotonic


class VirtualClockLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__()
        self._jobs = 0
        select = self._selector.select

        def timed_select(timeout=None):
            global now
            t0 = _real_clock()
            events = select(timeout)
            if timeout != 0 and not self._jobs and self._io_watched():
                elapsed = _real_clock() - t0
                now += elapsed if timeout is None else min(elapsed, timeout)
            return events
        self._selector.select = timed_select

    def _io_watched(self):
        # The loop's own self-pipe is always registered; anything more is a socket of the program.
        return len(self._selector.get_map()) > 1

    def time(self):
        return now

    def run_in_executor(self, executor, func, *args):
        self._jobs += 1
        fut = super().run_in_executor(executor, func, *args)
        fut.add_done_callback(self._job_done)
        return fut

    def _job_done(self, fut):
        self._jobs -= 1

    def _run_once(self):
        global now
        # Jump only when the loop would otherwise sleep: nothing ready, no job whose result is on its way, no I/O.
        if not self._ready and not self._jobs and not self._io_watched():
            whens = [h._when for h in self._scheduled if not h._cancelled]
            if whens:
                now = max(now, min(whens))
        super()._run_once()


class VirtualClockPolicy(asyncio.DefaultEventLoopPolicy):
    _loop_factory = VirtualClockLoop


class VirtualDatetime(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=now)


_strftime = time.strftime
time.time = lambda: now
time.perf_counter = lambda: now
time.strftime = lambda fmt, t=None: _strftime(fmt, time.gmtime(now) if t is None else t)
datetime.datetime = VirtualDatetime
asyncio.set_event_loop_policy(VirtualClockPolicy())
runpy.run_path(sys.argv[1], run_name='__main__')
