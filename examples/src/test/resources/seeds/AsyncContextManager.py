# seed 003, 11. "異步IO操作管理器"
import asyncio

class AsyncContextManager:
    def __init__(self):
        self.conn = 'conn'
    
    async def do_something(self):
        # 異步操作數據庫
        return 'Heisenberg'
    
    async def __aenter__(self):
        # 異步鏈接數據庫
        self.conn = await asyncio.sleep(1)
        return self
    
    async def __aexit__(self, exc_type, exc, tb):
        # 異步關閉數據庫
        await asyncio.sleep(1)
    
async def func():
    async with AsyncContextManager() as f:
        result = await f.do_something()
        print(result)

asyncio.run(func())
