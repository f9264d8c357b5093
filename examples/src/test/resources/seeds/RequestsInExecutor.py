# seed 003, 1.三 and 7 (requests.get in run_in_executor). URL: the seed's https://www.google.com.tw/ is the local
# httpbin's /delay/1 (regenerate.sh serves it on 127.0.0.1:18765), so each request takes a second.
import requests
import time
import asyncio

url = 'http://127.0.0.1:18765/delay/1'
loop = asyncio.get_event_loop()

start_time = time.time()

async def send_req(url):
    t = time.time()
    print("Send a request at",t-start_time,"seconds.")

    res = await loop.run_in_executor(None,requests.get,url) # request.get不可以稱為協程，所以要用run_in_executor將它定義為協程

    t = time.time()
    print("Receive a response at",t-start_time,"seconds.")

tasks = []

for i in range(10):
    task = loop.create_task(send_req(url))
    tasks.append(task)

loop.run_until_complete(asyncio.wait(tasks))
