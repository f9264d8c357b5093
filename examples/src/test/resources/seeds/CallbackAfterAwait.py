# seed 003, 4.三 "callback" (the right way: add_done_callback after await task)
import asyncio

async def foo(x):
    print(x)
    await asyncio.sleep(1)
    print('done')

async def text():
    print('this is a')
    task = asyncio.create_task(foo('text'))
    await task
    task.add_done_callback(lambda x: print('well done'))
    print('finished')

asyncio.run(text())
