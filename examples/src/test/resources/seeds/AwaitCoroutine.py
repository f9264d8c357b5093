# seed 001, "可等待对象" In [12]; the notebook's top-level `await main()` is asyncio.run(main()).
import asyncio

async def nested():
    return 42

async def main():
    # nested() alone would create a coroutine object and never run it.
    print(await nested())  # will print "42".

asyncio.run(main())
