# seed 001, "可等待对象" In [13]; the notebook's top-level `await main()` is asyncio.run(main()).
import asyncio

async def nested():
    return 42

async def main():
    task = asyncio.create_task(nested())
    print(await task)

asyncio.run(main())
