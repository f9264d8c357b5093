# seed 003, 1.三 (ten send_req tasks with aiohttp, then the same "simplified"): the two programs one after the
# other. URL: the seed's https://www.google.com.tw/ is the local httpbin's /delay/1 (regenerate.sh serves it on
# 127.0.0.1:18765), so each request takes a second.
import aiohttp
import time
import asyncio

url = 'http://127.0.0.1:18765/delay/1' # 設定url網址，當然也可以在session.get()括號裡自己輸入

start_time = time.time() # 設定初始時間等於0

async def send_req(session,url):
    t = time.time() # 設定打印函數啟動時間（發送時間）
    print("Send a request at",t-start_time,"seconds.")

    await session.get(url) # 等待獲取url服務返回

    t = time.time() # 等待完畢，打印函數結束時間（返回服務時間）
    print("Receive a response at",t-start_time,"seconds.")

async def main():
    async with aiohttp.ClientSession() as session: # 把連接池（現在只有一個網址，所以就是那個服務內容）定義為session並繼承
        tasks = []
        for i in range(10): # 設定循環10次的任務，asyncio.create_task為創建任務
            tasks.append(asyncio.create_task(send_req(session,url))) # 去掉asyncio.create_task()也可以就當普通攜程
        
        await asyncio.gather(*tasks) # 等待並收集10次循環的結果，因為有這個gather所以是否創建任務無所謂


if __name__ == '__main__':
    asyncio.run(main()) # 運行攜程函數main()

import aiohttp
import time
import asyncio

url = 'http://127.0.0.1:18765/delay/1'

start_time = time.time()

async def send_req(session,url):
    t = time.time()
    print("Send a request at",t-start_time,"seconds.")

    await session.get(url)

    t = time.time()
    print("Receive a response at",t-start_time,"seconds.")

async def main():
    async with aiohttp.ClientSession() as session: # 設定循環10次的任務，asyncio.create_task為創建任務
        tasks = [asyncio.create_task(send_req(session,url)) for i in range(10)] # 去掉asyncio.create_task()也可以
        await asyncio.gather(*tasks) # 等待並收集10次循環的結果，因為有這個gather所以是否創建任務無所謂

if __name__ == '__main__':
    asyncio.run(main())
