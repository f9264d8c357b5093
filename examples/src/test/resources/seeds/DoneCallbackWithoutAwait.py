# seed 003, 4.一 "await" (first program: a task with a done callback, never awaited)
import asyncio

async def foo(x):
    print(x)
    await asyncio.sleep(1)
    print('done')

async def text():
    print('this is a')
    task = asyncio.create_task(foo('text')).add_done_callback(lambda y: print('well done'))
    print('finished')

asyncio.run(text())
