"""libvipps through its Python binding (ctypes): details calls over one shared vipps.Client."""

import os
import sys
import time

started = time.monotonic()

import vipps  # noqa: E402  (its import and the library's loading are part of a cold start)

import bench_common  # noqa: E402

args = bench_common.Args(sys.argv)
client = vipps.Client(base_url=args.url, ca_file=args.ca_file, client_id=bench_common.CLIENT_ID,
                      client_secret=bench_common.CLIENT_SECRET,
                      subscription_key=bench_common.SUBSCRIPTION_KEY,
                      merchant_serial_number=bench_common.MSN, api=os.environ.get("BENCH_API") or "ecom")


def details():
    payment = client.details(bench_common.ORDER_ID)
    if len(payment.log) != 4:
        sys.exit("py-libvipps: unexpected details answer")


details()  # token + first details
bench_common.run("py-libvipps", args, started, details)
client.close()
