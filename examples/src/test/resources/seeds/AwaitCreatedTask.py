# seed 003, 4.一 "await" (await task)
import asyncio

async def foo(x):
    print(x)
    await asyncio.sleep(1)
    print('done')

async def text():
    print('this is a')
    task = asyncio.create_task(foo('text'))
    await task
    print('finished')

asyncio.run(text())
