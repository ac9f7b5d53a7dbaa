"""Python's http.client against kirotray: keep-alive reuse, Connection: close and HTTP/1.0.
Prints one JSON object of measurements; usage: pyclient.py HOST PORT API_KEY"""
import http.client
import json
import sys
import time

host, port, key = sys.argv[1], int(sys.argv[2]), sys.argv[3]
headers = {"x-api-key": key, "content-type": "application/json", "anthropic-version": "2023-06-01"}
body = json.dumps({"model": "claude-sonnet-4-5", "max_tokens": 64, "stream": True,
                   "messages": [{"role": "user", "content": "Hi"}]})
out = {}

# Two requests on one kept-alive connection: the same socket answers both.
conn = http.client.HTTPConnection(host, port, timeout=10)
conn.request("GET", "/v1/models", headers=headers)
first = conn.getresponse()
first.read()
local = conn.sock.getsockname()
conn.request("GET", "/v1/models", headers=headers)
second = conn.getresponse()
second.read()
out["keepAlive"] = {"status": [first.status, second.status], "reused": conn.sock.getsockname() == local}

# Connection: close on a streamed answer: read it, then the server's close must follow at once.
start = time.monotonic()
conn.request("POST", "/v1/messages", body=body, headers={**headers, "connection": "close"})
resp = conn.getresponse()
data = resp.read()
answered = time.monotonic()
sock = conn.sock or resp.fp
out["close"] = {"status": resp.status, "willClose": resp.will_close, "messageStop": b"message_stop" in data,
                "ms": round((answered - start) * 1000, 1)}
conn.close()

# HTTP/1.0: the body may end with the connection, and the connection must end with the answer.
class Http10(http.client.HTTPConnection):
    _http_vsn = 10
    _http_vsn_str = "HTTP/1.0"

for name, method, path, payload in (("http10Models", "GET", "/v1/models", None),
                                    ("http10Stream", "POST", "/v1/messages", body)):
    conn = Http10(host, port, timeout=10)
    start = time.monotonic()
    conn.request(method, path, body=payload, headers=headers)
    resp = conn.getresponse()
    data = resp.read()   # reads to the close when there is no Content-Length
    out[name] = {"status": resp.status, "version": resp.version, "chunked": resp.chunked,
                 "messageStop": b"message_stop" in data, "models": b'"data"' in data,
                 "ms": round((time.monotonic() - start) * 1000, 1)}
    conn.close()

print(json.dumps(out))
