# seed 003, 10. "異步請求連續編號頁面的方法（range task list）"
import asyncio

async def cron_job(url, usetime):
    await asyncio.sleep(usetime)
    print(f'get {url} done in {usetime} seconds')


async def cron_scheduler():
    task_list = []
    page = 10
    usetime = 1
    while page >= 0 and usetime <= 11:
        url = f'http://www.last{page}daysoftheworld.com/{page}day.html'
        task = asyncio.create_task(cron_job(url, usetime))
        task_list.append(task)
        page -= 1
        usetime += 1
    
    await asyncio.gather(*task_list)
    print('goodbye, cruel world!')

asyncio.run(cron_scheduler())
