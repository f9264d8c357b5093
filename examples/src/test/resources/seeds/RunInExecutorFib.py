# seed 003, 7. "run_in_executor" (calc_fib in the default executor). Fixed: the seed calls
# asyncio.get_runing_loop(), which CPython answers with AttributeError ("module 'asyncio' has no attribute
# 'get_runing_loop'. Did you mean: 'get_running_loop'?"); this calls get_running_loop().
import time
import asyncio

async def request():
    await asyncio.sleep(5)

def fibA(n):
    if n in [1,2]:
        return n
    return calc_fib(n-1) + calc_fib(n-2)

def calc_fib(n):
    result = fibA(n)
    return result

async def needtime():
    start = time.time()
    loop = asyncio.get_running_loop()
    task3 = loop.run_in_executor(None, calc_fib, 38)
    task4 = request()
    await asyncio.gather(task3,task4)
    end = time.time()
    print(end-start)

asyncio.run(needtime())
