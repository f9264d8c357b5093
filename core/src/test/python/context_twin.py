"""Twin of io.asyncio4j.ContextVarTest#aRequestIdFollowsTasksAndCallbacksAsInCPython (CPython 3.12)."""
import asyncio
import contextvars

rid = contextvars.ContextVar('rid', default='-')
out = []


def log(msg):
    out.append(f"[{rid.get()}] {msg}")


async def sub(n):
    log(f"sub {n}")
    rid.set(f"sub-{n}")
    await asyncio.sleep(0)
    return rid.get()


async def handle(n, delay):
    rid.set(f"req-{n}")
    log("start")
    await asyncio.sleep(delay)
    child = asyncio.create_task(sub(n))
    await child
    log(f"end, child saw {child.result()}")


async def main():
    log("main")
    await asyncio.gather(handle(1, 0.02), handle(2, 0.01))
    log("after gather")
    loop = asyncio.get_running_loop()
    rid.set("m1")
    fut = loop.create_future()
    loop.call_soon(lambda: log("call_soon"))
    rid.set("m2")
    loop.call_later(0.01, lambda: (log("call_later"), rid.set("lost")))
    fut.add_done_callback(lambda f: log("done callback"))
    rid.set("m3")
    loop.call_at(loop.time() + 0.005, lambda: log("call_at"))
    fut.set_result(None)
    await asyncio.sleep(0.02)
    log("after callbacks")
    ctx = contextvars.copy_context()
    loop.call_soon(lambda: rid.set("kept"), context=ctx)
    await asyncio.sleep(0)
    log(f"ctx has {ctx[rid]}")
    t = asyncio.create_task(sub(9), context=ctx)
    await t
    log(f"ctx after task {ctx[rid]}, len {len(ctx)}")
    rid.set("m4")
    log(f"to_thread sees {await asyncio.to_thread(rid.get)}")
    log(f"run_in_executor sees {await loop.run_in_executor(None, rid.get)}")


asyncio.run(main())
print("\n".join(out))
