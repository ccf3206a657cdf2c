"""
moto's server for the deploy tier (test/support/moto.ts starts it).

Listens on 127.0.0.1 only, on a port the OS picks, so parallel test files never
collide; prints {"port": N} once it accepts connections, and stops when its stdin
closes, so it cannot outlive the test process that started it.
"""
import json
import sys

from moto.server import ThreadedMotoServer

server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(json.dumps({"port": server.get_host_and_port()[1]}), flush=True)
sys.stdin.read()
server.stop()
