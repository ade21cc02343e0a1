#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/corpus/<target>/ (run from the repository root).

The seeds are committed; this script documents how they were made and regenerates them after a
change to a target's input format. The abi seeds are programs in the format ABIDriver in
Sources/vipps-fuzz/ABITarget.swift reads: keep the two in step.
"""
import os
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def write(target, name, data):
    directory = os.path.join(ROOT, target)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name), "wb") as handle:
        handle.write(data if isinstance(data, bytes) else data.encode())


# --- http-response: one flag byte (slice size, HEAD, tiny limits, error at end), then the stream.
def with_length(body):
    return f"Content-Length: {len(body.encode())}\r\n\r\n{body}"


ALL_AT_ONCE, ONE_BYTE, SEVEN, HEAD, TINY, FAIL = 7, 0, 3, 8, 16, 32
http = {
    "content-length": (ALL_AT_ONCE, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A:  b \r\n\r\nhello"),
    "chunked-trailer": (SEVEN, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n"
                               "E\r\n in\r\n\r\nchunks.\r\n0\r\nTrailer: x\r\n\r\n"),
    "continue-then-ok": (ONE_BYTE, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
    "keep-alive-twice": (2, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 404 Not Found\r\n"
                            "Content-Length: 0\r\nConnection: close\r\n\r\n"),
    "http10-until-close": (4, "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{\"a\":1}"),
    "head": (ALL_AT_ONCE | HEAD, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"),
    "no-content": (ALL_AT_ONCE, "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 304 Not Modified\r\n\r\n"),
    "tiny-limits": (ALL_AT_ONCE | TINY, "HTTP/1.1 200 OK\r\n" + "".join(f"H{i}: v\r\n" for i in range(10)) + "\r\n"),
    "truncated-error": (5 | FAIL, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"),
    "token": (ALL_AT_ONCE, "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n" + with_length(
        '{"token_type":"Bearer","expires_in":"86398","ext_expires_in":"0","access_token":"eyJ0eXAi.abc.def"}')),
    "error-array": (6, "HTTP/1.1 400 Bad Request\r\n" + with_length(
        '[{"errorGroup":"Merchant","errorCode":"35","errorMessage":"not found","contextId":"abc-123"}]')),
    "rate-limited": (ALL_AT_ONCE, "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\nContent-Length: 0\r\n\r\n"),
    "bare-lf": (ALL_AT_ONCE, "HTTP/1.1 502\nContent-Length: 3\n\nbad"),
    "duplicate-lengths": (ALL_AT_ONCE, "HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc"),
}
for name, (flags, text) in http.items():
    write("http-response", name, bytes([flags]) + text.encode())

# --- json-responses: response bodies as Vipps sends them (ecom-v2 reference).
json_bodies = {
    "token": '{"token_type":"Bearer","expires_in":"86398","ext_expires_in":"0","expires_on":"1547823408",'
             '"not_before":"1547736708","resource":"00000002-0000-0000-c000-000000000000","access_token":"eyJ0.x.y"}',
    "token-number": '{"access_token":"abc","expires_in":3600}',
    "initiate": '{"orderId":"acme-shop-123-order123abc","url":"https://api.vipps.no/dwo-api-application/v1/'
                'deeplink/vippsgateway?v=2&token=eyJraWQiOiJqd3RrZXkiLCJhbGciOiJSUzI1NiJ9"}',
    "details": '{"orderId":"order-1","transactionSummary":{"capturedAmount":300,"remainingAmountToCapture":700,'
               '"refundedAmount":100,"remainingAmountToRefund":200},"transactionLogHistory":['
               '{"amount":100,"transactionText":"refund","transactionId":"5","timeStamp":"2026-01-01T00:00:00Z",'
               '"operation":"REFUND","requestId":"r2","operationSuccess":true},'
               '{"amount":300,"operation":"CAPTURE","operationSuccess":"true","requestId":"r1"},'
               '{"amount":1000,"operation":"RESERVE","operationSuccess":true},'
               '{"amount":1000,"operation":"INITIATE","operationSuccess":true}],'
               '"shippingDetails":{"address":{"addressLine1":"x"}},"userDetails":{"firstName":"A"}}',
    "details-initiated": '{"orderId":"o","transactionLogHistory":[{"amount":"2000","operation":"initiate"}]}',
    "details-cancelled": '{"orderId":"o","transactionLogHistory":[{"amount":100,"operation":"CANCEL","operationSuccess":true},'
                         '{"amount":100,"operation":"VOID","operationSuccess":false}]}',
    "details-huge": '{"transactionLogHistory":[{"amount":8999999999999999,"operation":"CAPTURE"},'
                    '{"amount":8999999999999999,"operation":"CAPTURE"},{"amount":-8999999999999999,"operation":"REFUND"},'
                    '{"amount":1,"operation":"SALE"}]}',
    "capture": '{"orderId":"o","paymentInstrument":"vipps","transactionInfo":{"amount":100,"status":"Captured",'
               '"timeStamp":"2026-01-01T00:00:00.000Z","transactionId":"5001","transactionText":"t"},'
               '"transactionSummary":{"capturedAmount":100,"remainingAmountToCapture":0,"refundedAmount":0,'
               '"remainingAmountToRefund":100}}',
    "refund": '{"orderId":"o","transaction":{"amount":50,"status":"Refund","transactionId":"x"},'
              '"transactionSummary":{"capturedAmount":"100","refundedAmount":"50"}}',
    "cancel": '{"orderId":"o","transactionInfo":{"amount":100,"status":"Cancelled"},"transactionSummary":{}}',
    "status": '{"orderId":"o","transactionInfo":{"amount":1000,"status":"RESERVE","timeStamp":"x","transactionId":"1"}}',
    "error-array": '[{"errorGroup":"Payment","errorCode":"42","errorMessage":"Refused by issuer","contextId":"ctx"}]',
    "error-gateway": '{"responseInfo":{"responseCode":401,"responseMessage":"Unauthorized"},"result":{"message":"bad"}}',
    "error-azure": '{"error":"invalid_client","error_description":"AADSTS7000215","correlation_id":"c","trace_id":"t"}',
    "error-object": '{"statusCode":401,"message":"Access denied due to invalid subscription key."}',
    "error-fields": '{"errorCode":"94","errorGroup":"VippsError","errorMessage":"Order locked","contextId":"x"}',
    "numbers": '[0,-0,1e308,-1e308,1e-320,9007199254740993,1.5,"3600",true,false,null,{"":""},"\\u00f8\\ud83d\\ude00"]',
    "nested": "[" * 40 + "]" * 40,
}
for name, text in json_bodies.items():
    write("json-responses", name, text)

# --- callbacks: payment callbacks, shipping-details requests, consent paths, auth header pairs.
callbacks = {
    "regular": '{"merchantSerialNumber":123456,"orderId":"order-1","transactionInfo":{"amount":20000,'
               '"status":"RESERVED","timeStamp":"2018-12-12T11:18:38.246Z","transactionId":"5001420062"}}',
    "express": '{"merchantSerialNumber":"123456","orderId":"order-2","shippingDetails":{"address":{"addressLine1":"Dronning'
               ' Eufemias gate 42","addressLine2":null,"city":"Oslo","country":"Norway","zipCode":"0191"},'
               '"shippingCost":"99.00","shippingMethod":"Posten","shippingMethodId":"posten-1"},'
               '"transactionInfo":{"amount":"20000","status":"RESERVE","timeStamp":"x","transactionId":"1"},'
               '"userDetails":{"bankIdVerified":"N","email":"a@b.no","firstName":"Ada","lastName":"L",'
               '"mobileNumber":"12345678","userId":"u-1"}}',
    "failed": '{"orderId":"o","transactionInfo":{"status":"RESERVE_FAILED","amount":1},'
              '"errorInfo":{"errorGroup":"Payment","errorCode":"45","errorMessage":"Payment declined"}}',
    "shipping-request": '{"addressId":12345,"addressLine1":"Dronning Eufemias gate 42","addressLine2":"","city":"Oslo",'
                        '"country":"Norway","postCode":"0191","addressType":"H"}',
    "shipping-request-string-id": '{"addressId":"7","zipCode":"0150","country":"NO"}',
    "consent-path": "/shop/callbacks/v2/consents/user%20id-1?x=y",
    "consent-bad-escape": "/v2/consents/%zz",
    "auth-pair": "secret-tokensecret-token",
}
for name, text in callbacks.items():
    write("callbacks", name, text)


# --- webhooks: header lines, an empty line, the body (or a body alone): events, Userinfo answers.
WEBHOOK_EVENT = ('{"msn":"123456","reference":"24ab7cd6ef658155992","pspReference":"1234567891","name":"AUTHORIZED",'
                 '"amount":{"currency":"NOK","value":35000},"timestamp":"2023-08-14T12:48:46.260Z",'
                 '"idempotencyKey":"49ca711a9487112e1def","success":true}')
webhooks = {
    "event": WEBHOOK_EVENT,
    "event-unknown-name": '{"name":"epayments.payment.authorized.v1","reference":"r"}',
    "signed-request": "x-ms-date: Mon, 14 Aug 2023 12:48:47 GMT\n"
                      "x-ms-content-sha256: xAu8dSNB1b0yS6LXhuUPZ8A95godMJtzdAqoHAaPjHQ=\n"
                      "Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256"
                      "&Signature=6W4eP6rQcjGZrIfJYIIjxD+mA82E/TpQUEx+jSw598A=\n\n" + WEBHOOK_EVENT,
    "userinfo": '{"address":{"address_type":"home","country":"NO","formatted":"Robert Levins gate 5, 0154\\nOSLO\\nNO",'
                '"postal_code":"0154","region":"OSLO","street_address":"Robert Levins gate 5"},"birthdate":"2000-02-01",'
                '"email":"a@b.no","email_verified":true,"family_name":"User","given_name":"Test","name":"Test User",'
                '"other_addresses":[],"phone_number":"4791234567","sid":"687a31ad9ba1de74",'
                '"sub":"9fe5d0e3-4702-4113-a154-90bc68063325"}',
    "http-date": "Thu, 29 Feb 2024 23:59:60 GMT",
}
for name, text in webhooks.items():
    write("webhooks", name, text)


# --- abi: programs for ABIDriver. Encoders mirror its readers.
OP = dict(config_new=0, config_free=1, set_environment=2, set_base_url=3, set_credential=4, set_system_info=5,
          set_timeouts=6, set_ca_file=7, set_retry=8, set_poll=9, set_log=10, client_new=11, client_free=12,
          client_last_error=13, read_error=14, error_free=15, params_new=16, params_free=17, set_param=18,
          network=21, read_results=23, verify=24, callback_parse=25, read_callback=27, callback_free=28,
          shipping_parse=29, read_shipping=30, shipping_new=31, shipping_add=32, shipping_json=33, consent=34,
          misc=35, queue=36)
KNOWN = ["order-1", "ORDER-2026-000001", "100", "123456", "12345", "12345678", "client-id", "secret-0123456789",
         "subscription-key", "https://shop.example/vipps", "http://127.0.0.1:1", "https://127.0.0.1:1",
         "https://[::1]:8443/base/", "myshop://done", "name email", "address phoneNumber", "libvipps", "0.1.0",
         "Bearer token", "token-abc", "/v2/consents/abc%20def", "/shop/v2/consents/u1?x=1", "Posten", "id-1",
         "Pay for øre 🇳🇴", "vipps-0123456789abcdef0123456789abcdef", "callback", "express-callback",
         "shipping-request"]
I64 = {0: 0, 1: 1, -1: 2, 99: 3, 100: 4, 101: 5, 1000: 6, 5000: 7, 100_000_000: 8, 100_000_001: 9, 600_000: 10,
       600_001: 11, 3_600_000: 12, 3_600_001: 13, 2**31 - 1: 14, 2**31: 15, -2**31: 16, 2**63 - 1: 17, -2**63: 18}
I32 = {0: 0, 1: 1, -1: 2, 2: 3, 3: 4, 4: 5, 5: 6, 20: 7, 21: 8, 2**31 - 1: 9, -2**31: 10, 100: 11, 99: 12}


def h(index=0):
    return bytes([3 + 8 * index])          # the index-th handle of the pool


def h_null():
    return bytes([0])


def h_random(address):
    return bytes([1]) + struct.pack("<Q", address)


def h_other(index):
    return bytes([2, index])               # a handle of any kind (type confusion)


def s(value):
    if value is None:
        return bytes([0])
    if isinstance(value, str) and value in KNOWN:
        return bytes([5, KNOWN.index(value)])
    raw = value if isinstance(value, bytes) else value.encode()
    assert len(raw) < 256
    return bytes([2, len(raw)]) + raw


def s_huge(fill, kib):
    return bytes([4, fill, kib - 1])


def i64(value):
    return bytes([I64[value]]) if value in I64 else bytes([255]) + struct.pack("<q", value)


def i32(value):
    return bytes([I32[value]]) if value in I32 else bytes([255]) + struct.pack("<i", value)


OUT, NULL_OUT = bytes([1]), bytes([0])


def op(name, *parts):
    return bytes([OP[name]]) + b"".join(parts)


def configured(log=True):
    program = op("config_new", OUT)
    for which, value in enumerate(["client-id", "secret-0123456789", "subscription-key", "123456"]):
        program += op("set_credential", h(), bytes([which]), s(value))
    program += op("set_system_info", h(), s("libvipps"), s("0.1.0"), s(None), s("plugin"))
    if log:
        program += op("set_log", h(), bytes([1]), bytes([1]), i32(4), i32(0))
    return program


def params(express=False):
    program = op("params_new", OUT)
    for sub, value in [(0, s("order-1")), (1, i64(100)), (2, s("Posten")), (3, s("https://shop.example/vipps")),
                       (4, s("myshop://done")), (5, s("12345678")), (6, s("token-abc"))]:
        program += op("set_param", h(), bytes([sub]), value)
    if express:
        program += op("set_param", h(), bytes([7]), i32(1))
        program += op("set_param", h(), bytes([9]), s("https://shop.example/vipps"))
        program += op("set_param", h(), bytes([10]), s("id-1"), s("Posten"), i64(1000), i32(1), i32(0))
    return program


happy = configured() + op("client_new", h(), bytes([0]), OUT) + params()
happy += op("network", h(), bytes([0]), h(), OUT)                                    # initiate
happy += op("network", h(), bytes([1]), s("order-1"), OUT)                          # details
happy += op("network", h(), bytes([2]), s("order-1"), i64(5000), OUT)               # wait
happy += op("network", h(), bytes([3]), s("order-1"), OUT)                          # status
happy += op("network", h(), bytes([4]), s("order-1"), i64(100), s("Posten"), s(None), OUT)
happy += op("network", h(), bytes([5]), s("order-1"), i64(0), s("Posten"), s("vipps-0123456789abcdef0123456789abcdef"), OUT)
happy += op("network", h(), bytes([6]), s("order-1"), s("Posten"), i32(1), OUT)
happy += op("network", h(), bytes([7]), s("order-1"), s("12345678"), s("token-abc"))
happy += op("client_last_error", h(), OUT) + op("read_error", bytes([1]), h()) + op("read_error", bytes([0]))
happy += op("error_free", bytes([1]), h()) + op("client_free", h()) + op("config_free", h())
write("abi", "payment-flow", happy)

express = configured(log=False) + op("client_new", h(), bytes([1]), OUT) + params(express=True)
express += op("network", h(), bytes([0]), h(), OUT)
write("abi", "express-https", express)

shop = (op("callback_parse", bytes([5, 26]), OUT) + op("read_callback", h(0), bytes([0]))
        + op("callback_parse", bytes([5, 27]), OUT) + op("read_callback", h(1), bytes([1]))
        + op("read_callback", h(1), bytes([0]))                                      # stale after free
        + op("shipping_parse", bytes([5, 28]), OUT) + op("read_shipping", h(), bytes([0]))
        + op("shipping_new", i64(1), s("order-1"), OUT)
        + op("shipping_add", h(), s("id-1"), s("Posten"), i64(1000), i32(1), i32(0))
        + op("shipping_add", h(), s("id-1"), s_huge(ord("x"), 1), i64(-1), i32(0), i32(-1))
        + op("shipping_json", h(), bytes([1]), bytes([0]))
        + op("consent", s("/v2/consents/abc%20def"), bytes([1]))
        + op("consent", s("/shop/v2/consents/u1?x=1"), bytes([0]))
        + op("verify", s("token-abc"), s("token-abc")) + op("verify", s("token-abc"), s(None))
        + op("verify", s(None), s("x")) + op("misc", i32(3), i32(100)))
write("abi", "shop-side", shop)

hostile = (op("config_new", OUT) + op("config_free", h()) + op("set_credential", h(), bytes([0]), s("client-id"))
           + op("config_new", NULL_OUT) + op("config_new", OUT)
           + op("set_base_url", h(1), s(b"https://\xc3\x28")) + op("set_base_url", h_random(0xDEADBEEF), s("x"))
           + op("set_credential", h(1), bytes([1]), s_huge(ord("s"), 64))
           + op("set_credential", h(1), bytes([3]), s(b"12345\xff"))
           + op("set_timeouts", h(1), i64(-2**63), i64(2**63 - 1), i64(3_600_001))
           + op("set_retry", h(1), i32(-2**31), i64(-1), i64(2**63 - 1), i64(0))
           + op("set_poll", h(1), i64(600_001), i64(99))
           + op("set_environment", h(1), i32(2)) + op("set_environment", h(1), i32(-1))
           + op("set_ca_file", h(1), bytes([1, 3]) + b"abc")
           + op("set_log", h(1), bytes([1]), bytes([0]), i32(5), i32(-1))
           + op("client_new", h_null(), bytes([0]), OUT) + op("client_new", h(1), bytes([0]), NULL_OUT)
           + op("network", h_null(), bytes([1]), s("order-1"), OUT)
           + op("network", h_other(0), bytes([4]), s("order-1"), i64(-1), s(None), s(""), OUT)
           + op("read_results", h_random(0x1000), bytes([0]), struct.pack("<Q", 2**64 - 1), i64(2**63 - 1))
           + op("read_error", bytes([1]), h_random(8)) + op("error_free", bytes([0]), h())
           + op("params_new", OUT) + op("set_param", h(), bytes([1]), i64(2**31))
           + op("set_param", h(), bytes([2]), s_huge(0xC3, 2)) + op("set_param", h(), bytes([13]), s("name email"))
           + op("params_free", h()) + op("set_param", h(), bytes([0]), s("order-1"))
           + op("callback_parse", s(b'{"orderId":"\xff"}'), OUT) + op("callback_free", h_random(0x10))
           + op("shipping_new", i64(-2**63), s(b"\xed\xa0\x80"), OUT))
write("abi", "hostile-arguments", hostile)


# Against the loopback server: each call's answers are queued first (a token, then Vipps' body).
STATUS = {200: 0, 201: 2, 204: 3, 400: 4, 401: 5, 402: 6, 403: 7, 404: 8, 409: 9, 429: 10, 500: 11, 502: 12, 503: 13}


def token():
    return op("queue", bytes([0, 0, 0]))


def answer(status, body_index, close=False):
    return op("queue", bytes([STATUS[status], 1, body_index, 1 if close else 0]))


def raw_answer(data):
    return op("queue", bytes([0, 3]) + struct.pack("<H", len(data)) + data)


local = configured() + op("client_new", h(), bytes([2]), OUT) + params()
local += token() + answer(200, 4) + op("network", h(), bytes([0]), h(), OUT)                 # initiate
local += answer(200, 0) + op("network", h(), bytes([1]), s("order-1"), OUT)                 # details
local += op("read_results", h(1), bytes([1, 0]), i64(100))
local += answer(200, 2, close=True) + op("network", h(), bytes([4]), s("order-1"), i64(100), s("Posten"), s(None), OUT)
local += op("read_results", h(2), bytes([0]) + struct.pack("<Q", 3), i64(0))
local += answer(200, 3) + op("network", h(), bytes([5]), s("order-1"), i64(50), s("Posten"), s("token-abc"), OUT)
local += answer(500, 5) + answer(200, 1) + op("network", h(), bytes([6]), s("order-1"), s("Posten"), i32(1), OUT)
local += answer(404, 5) + op("network", h(), bytes([3]), s("order-1"), OUT)
local += answer(409, 6) + op("network", h(), bytes([4]), s("order-1"), i64(0), s("Posten"), s(None), OUT)
local += op("client_last_error", h(), OUT) + op("read_error", bytes([1]), h())
local += op("read_results", h(0), bytes([1, 0]), i64(0)) + op("read_results", h(3), bytes([1, 1]), i64(0))
write("abi", "loopback-flow", local)

bad_token = configured(log=False) + op("client_new", h(), bytes([2]), OUT)
bad_token += answer(401, 7) + op("network", h(), bytes([1]), s("order-1"), OUT)
bad_token += raw_answer(b'HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n{"access_token":"x"}')
bad_token += raw_answer(b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"a":\r\n1\r\n1\r\n1\r\n}\r\n0\r\n\r\n')
bad_token += op("network", h(), bytes([1]), s("order-1"), OUT) + op("read_results", h(0), bytes([1, 0]), i64(0))
write("abi", "loopback-token-and-raw", bad_token)
