# seed 003, 4.三 "callback" (the experiment)
import asyncio

async def foo(x):
    print(x)
    await asyncio.sleep(1)
    print('done')

async def text():
    print('this is a')
    task = asyncio.create_task(foo('text')).add_done_callback(lambda y: print('well done'))
    print('finished')
    print('really finished')
    print('really really finished')

asyncio.run(text())
