# seed 001, "简单等待" In [2]; the notebook's top-level awaits run in a main coroutine under asyncio.run.
import asyncio

async def foo():
    return 42

async def main():
    task = asyncio.create_task(foo())
    done, pending = await asyncio.wait({task})

    if task in done:
        print('done')

asyncio.run(main())
