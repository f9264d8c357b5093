# seed 004, "在协程中的并发"
import asyncio


async def do_some_work(x):
    print("等待", x)
    await asyncio.sleep(x) # 模拟一个等待耗时操作
    return "Done after {}s".format(x)


if __name__ == "__main__":
    coro1 = do_some_work(1)
    coro2 = do_some_work(2)
    coro3 = do_some_work(3)

    tasks = [asyncio.ensure_future(coro1), asyncio.ensure_future(coro2), asyncio.ensure_future(coro3)]

    loop = asyncio.get_event_loop()
    loop.run_until_complete(asyncio.wait(tasks))

    for task in tasks:
        print('任务返回的结果是', task.result())
