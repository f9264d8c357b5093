# seed 003, 7. "run_in_executor" (a blocking function in a ThreadPoolExecutor)
import time
import asyncio
import concurrent.futures

def func1():
    print('func1 start')
    time.sleep(2)
    print('func1 end')

async def main():
    loop = asyncio.get_running_loop()

    with concurrent.futures.ThreadPoolExecutor() as pool: # 加入線程池
        fut = loop.run_in_executor(pool, func1)
        result = await fut
        print('thread pool', result)

asyncio.run(main())
