# seed 001, "协程" In [2]; the notebook's top-level `await main()` is asyncio.run(main()).
import asyncio

async def main():
    print('Hello ...')
    await asyncio.sleep(1)
    print('... World!')

asyncio.run(main())
