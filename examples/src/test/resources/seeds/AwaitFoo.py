# seed 003, 3. "await" (first program)
import asyncio

async def foo(x):
    print(x)
    await asyncio.sleep(1)
    print('done')

async def text():
    print('this is a')
    await foo('text')
    print('finished')

asyncio.run(text())
