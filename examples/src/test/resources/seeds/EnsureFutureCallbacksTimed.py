# seed 003, 4.五 "ensure_future" (with timing)
import asyncio
import time

async def cron_job(url):
    await asyncio.sleep(2)
    print(f'get {url} done in 2 seconds')


async def cron_scheduler():
    start = time.time()
    future_list = []
    page = 10
    while page >= 0:
        url = f'http://www.last{page}daysoftheworld.com/{page}day.html'
        future = asyncio.ensure_future(cron_job(url))
        future_list.append(future)
        page -= 1
        future.add_done_callback(lambda future: print('goodbye, cruel world'))
    
    await asyncio.gather(*future_list)
    end = time.time()
    print(f'{end - start} seconds')

start = time.time()
asyncio.run(cron_scheduler())
end = time.time()
print(f'{end - start} seconds')
