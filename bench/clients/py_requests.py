"""The Python baseline: requests.Session (keep-alive) with .json(), the headers libvipps sends.
A session per thread: requests does not promise that one session is safe across threads."""

import sys
import threading
import time

started = time.monotonic()

import requests  # noqa: E402  (imported after `started`: its import is part of a cold start)
from urllib3.util import SKIP_HEADER  # noqa: E402

import bench_common  # noqa: E402

args = bench_common.Args(sys.argv)
local = threading.local()


def new_session():
    """A session that sends only libvipps's headers: requests' own User-Agent, Accept-Encoding
    and Connection are dropped, and SKIP_HEADER keeps urllib3 from adding its defaults."""
    s = requests.Session()
    s.headers.clear()
    s.headers["User-Agent"] = SKIP_HEADER
    s.headers["Accept-Encoding"] = SKIP_HEADER
    s.headers.update(bench_common.COMMON_HEADERS)
    return s


def session():
    if not hasattr(local, "session"):
        s = new_session()
        s.headers["Authorization"] = f"Bearer {token}"
        local.session = s
    return local.session


first = new_session()
# verify= on each request, not on the session: requests lets REQUESTS_CA_BUNDLE in the environment
# override a session's verify, but not a request's.
answer = first.post(f"{args.url}/accesstoken/get", data=b"", verify=args.ca_file,
                    headers={**bench_common.COMMON_HEADERS, "client_id": bench_common.CLIENT_ID,
                             "client_secret": bench_common.CLIENT_SECRET})
answer.raise_for_status()
token = answer.json()["access_token"]
# The token's session goes on to carry the details calls of the main thread, one connection.
first.headers["Authorization"] = f"Bearer {token}"
local.session = first
details_url = f"{args.url}/ecomm/v2/payments/{bench_common.ORDER_ID}/details"


def details():
    answer = session().get(details_url, verify=args.ca_file)
    if answer.status_code != 200:
        sys.exit(f"py-requests: details: HTTP {answer.status_code}")
    payment = answer.json()
    if len(payment["transactionLogHistory"]) != 4:
        sys.exit("py-requests: unexpected details answer")


details()
bench_common.run("py-requests", args, started, details)
