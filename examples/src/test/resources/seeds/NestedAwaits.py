# seed 003, 3. "await" (matryoshka)
import asyncio

async def asyncfunction():
    print("I am a async function")
    return 'Heisenberg'

async def callback():
    print('I used the return value of asyncfunction')
    result = await asyncfunction()
    print('The return value of asyncfunction is:', result)

async def matryoshka():
    print('I will use the async function which used the async function')
    await callback()

asyncio.run(matryoshka())
