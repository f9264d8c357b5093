"""Shared helpers for the side-by-side benchmarks: picking the event loop implementation."""
import asyncio
import platform
import sys


def loop_factory(impl):
    """A loop factory for asyncio.Runner: 'asyncio' (CPython's default loop) or 'uvloop'."""
    if impl == "asyncio":
        return asyncio.new_event_loop
    if impl == "uvloop":
        import uvloop
        return uvloop.new_event_loop
    sys.exit(f"unknown implementation {impl!r}: use asyncio or uvloop")


def describe(impl):
    version = platform.python_version()
    if impl == "uvloop":
        import uvloop
        return f"CPython {version} + uvloop {uvloop.__version__}"
    return f"CPython {version} asyncio ({asyncio.get_event_loop_policy().__class__.__name__})"


def run(impl, coro):
    """asyncio.run(coro) on a fresh loop of the chosen implementation."""
    with asyncio.Runner(loop_factory=loop_factory(impl)) as runner:
        return runner.run(coro)
