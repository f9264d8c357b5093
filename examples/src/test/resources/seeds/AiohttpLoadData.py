# seed 003, 5. with...as (load_data with delays 2 and 3). URL: the seed's http://httpbin.org is the local httpbin
# (regenerate.sh serves it on 127.0.0.1:18765).
from timeit import default_timer
import asyncio
import aiohttp

async def load_data(session, delay):
    print(f'Starting {delay} second timer')
    async with session.get(f'http://127.0.0.1:18765/delay/{delay}') as resp: # 此處，resp等於session.get(url)
        text = await resp.text() # 這裡即等於awiat session.get(url).text()
        print(f'Completed {delay} second timer')
        return text

async def main():
    # Start the timer
    start_time = default_timer()

    # Creating a single session
    # 下面，session等於aiohttp.ClientSession()，聯繫load_data()中的session，則resp等於aiohttp.ClientSession().get(url)
    async with aiohttp.ClientSession() as session: 
        # 下面，load_data()中的text等於await aiohttp.ClientSession().get(http://127.0.0.1:18765/delay/1).text()，當中text()對應return text的值
        two_task = asyncio.create_task(load_data(session, 2)) 
        three_task = asyncio.create_task(load_data(session, 3)) 

        # 這裡當task執行後，text進入等候，然後下面便要等候sleep結束，print出doing other work
        await asyncio.sleep(1)
        print('Doing other work')

        # 之後就等待兩個task結束才能進行下一步，而task裡就進行到text，當中就有delay停頓，兩個task重疊便停頓3秒
        two_result = await two_task
        three_result = await three_task # 其實由於three_task是等待3秒，所以直接await three_task就可以了，無需await two_task

        # 接著兩個task返回text值，寫在了Completed {delay} second timer裡，接著兩個task結束，print出總用時值（即elapsed time）
        elapsed_time = default_timer() - start_time
        print(f'The operation took {elapsed_time:.2} seconds')

asyncio.run(main())
