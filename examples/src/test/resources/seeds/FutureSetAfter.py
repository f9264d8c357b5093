# seed 003, 4.四 "future"
import asyncio

async def set_after(fut):
    await asyncio.sleep(2)
    fut.set_result('say my name')

async def main1():
    loop = asyncio.get_running_loop()

    fut = loop.create_future()

    await asyncio.create_task(set_after(fut))

    data = await fut
    print(data)

asyncio.run(main1())
