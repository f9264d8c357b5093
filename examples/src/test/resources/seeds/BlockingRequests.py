# seed 003, 1.三 (requests.get five times). URL: the seed's https://www.google.com.tw/ is the local httpbin's
# /delay/1 (regenerate.sh serves it on 127.0.0.1:18765), so each request takes a second.
import requests
import time

url = 'http://127.0.0.1:18765/delay/1'

start_time = time.time()

def send_req(url):

    t = time.time()
    print("Send a request at",t-start_time,"seconds.")

    res = requests.get(url)

    t = time.time()
    print("Receive a response at",t-start_time,"seconds.")

for i in range(5):
    send_req(url)
