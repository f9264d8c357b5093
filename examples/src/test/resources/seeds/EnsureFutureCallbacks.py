# seed 003, 4.五 "ensure_future"
import asyncio

async def cron_job(url):
    await asyncio.sleep(2)
    print(f'get {url} done in 2 seconds')


async def cron_scheduler():
    future_list = []
    page = 10
    while page >= 0:
        url = f'http://www.last{page}daysoftheworld.com/{page}day.html'
        future = asyncio.ensure_future(cron_job(url))
        future_list.append(future)
        page -= 1
        future.add_done_callback(lambda future: print('goodbye, cruel world'))
    
    await asyncio.gather(*future_list)


asyncio.run(cron_scheduler())
