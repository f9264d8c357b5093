# seed 003, 2.一 "協程(coroutines)"
def main():
    print('Heisenberg')

main()

import asyncio

async def main():
    print('Heisenberg')

asyncio.run(main())
