# seed 001, "休眠" In [18]; the notebook's top-level `await display_data()` is asyncio.run(display_data()).
import asyncio
import datetime

async def display_data():
    loop = asyncio.get_running_loop()
    end_time = loop.time() + 5.0
    while True:
        print(datetime.datetime.now())
        if (loop.time() + 1.0) >= end_time:
            break
        await asyncio.sleep(1)

asyncio.run(display_data())
