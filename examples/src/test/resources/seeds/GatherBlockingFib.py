# seed 003, 7. "run_in_executor" (fib computed in a coroutine next to a 5 s request)
import time
import asyncio

async def send_req():
    await asyncio.sleep(5) # 假設等待5秒

def fib(n):
    if n in [1,2]:
        return n
    return fib(n-1) + fib(n-2)

async def fibn(n):
    print(fib(n))

async def usetime():
    start = time.time()
    task3 = fibn(38)
    task4 = send_req()
    await asyncio.gather(task3,task4)
    end = time.time()
    print(end-start)

asyncio.run(usetime())
