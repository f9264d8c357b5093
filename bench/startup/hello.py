"""Start-up benchmark (a), CPython: a loop, one sleep(0.01), one line (the twin of Hello.java)."""
import asyncio


async def main():
    await asyncio.sleep(0.01)
    print("hello")


asyncio.run(main())
