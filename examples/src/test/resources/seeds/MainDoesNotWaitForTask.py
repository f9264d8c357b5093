# seed 003, 4.一 "await" (sleep 1 against a task sleeping 3)
import asyncio

async def foo(x):
    print(x)
    await asyncio.sleep(3)
    print('done')

async def text():
    print('this is a')
    task = asyncio.create_task(foo('text'))
    await asyncio.sleep(1)
    print('finished')

asyncio.run(text())
