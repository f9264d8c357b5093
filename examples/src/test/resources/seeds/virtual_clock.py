"""Runs a seed program on CPython with the clock asyncio4j's virtual time uses.

    python3 virtual_clock.py PROGRAM.py > PROGRAM.out

The loop's time() starts at 0 and, whenever nothing is ready and no executor job is running, jumps to the next
timer; time.time(), time.strftime() and datetime.datetime.now() read the same clock (0 is 1970-01-01 00:00:00
UTC). Everything else is CPython's own asyncio, so the output is what CPython prints for the program, without the
wall-clock noise.
"""
import asyncio
import datetime
import runpy
import sys
import time

now = 0.0


class VirtualClockLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__()
        self._jobs = 0

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
        # Jump only when the loop would otherwise sleep: nothing ready, no job whose result is on its way.
        if not self._ready and not self._jobs:
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
time.strftime = lambda fmt, t=None: _strftime(fmt, time.gmtime(now) if t is None else t)
datetime.datetime = VirtualDatetime
asyncio.set_event_loop_policy(VirtualClockPolicy())
runpy.run_path(sys.argv[1], run_name='__main__')
