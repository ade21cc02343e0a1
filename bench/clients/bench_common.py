"""What the Python benchmark clients share: the command line, the fixed headers and the one JSON
line of results (see bench_common.h, which the C clients follow; the two must stay alike).

Usage of every client:  CLIENT URL CA_FILE N THREADS [CHECKPOINTS]
Timing starts after the token fetch and one warm-up details call.
"""

import json
import resource
import sys
import threading
import time

CLIENT_ID = "bench-client"
CLIENT_SECRET = "bench-secret"
SUBSCRIPTION_KEY = "bench-subscription-key"
MSN = "123456"
ORDER_ID = "bench-order-1"

# The headers libvipps sends on every request (its Vipps-System-* defaults included).
COMMON_HEADERS = {
    "Accept": "application/json",
    "Ocp-Apim-Subscription-Key": SUBSCRIPTION_KEY,
    "Merchant-Serial-Number": MSN,
    "Vipps-System-Name": "libvipps",
    "Vipps-System-Version": "0.2.0",
    "Vipps-System-Plugin-Name": "libvipps",
    "Vipps-System-Plugin-Version": "0.2.0",
}


class Args:
    def __init__(self, argv):
        if len(argv) not in (5, 6):
            sys.exit(f"usage: {argv[0]} URL CA_FILE N THREADS [CHECKPOINTS]")
        self.url, self.ca_file = argv[1], argv[2]
        self.n, self.threads = int(argv[3]), int(argv[4])
        self.checkpoints = [int(c) for c in argv[5].split(",") if c] if len(argv) == 6 else []
        self.checkpoint_rss_kb = {}

    def checkpoint(self, calls):
        if calls in self.checkpoints:
            self.checkpoint_rss_kb[str(calls)] = rss_kb()


def rss_kb():
    """The resident set now (VmRSS), in kB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime, usage.ru_stime


def run(name, args, started, call):
    """Times `call` (one details request, decoded) args.n times over args.threads threads."""
    setup = time.monotonic() - started
    user0, sys0 = cpu()
    wall0 = time.monotonic()
    if args.threads == 1:
        for i in range(1, args.n + 1):
            call()
            args.checkpoint(i)
    else:
        shares = [args.n // args.threads + (1 if t < args.n % args.threads else 0) for t in range(args.threads)]

        def work(count):
            for _ in range(count):
                call()

        threads = [threading.Thread(target=work, args=(count,)) for count in shares]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    wall = time.monotonic() - wall0
    user, sys_ = cpu()
    print(json.dumps({
        "client": name, "n": args.n, "threads": args.threads, "setup_s": setup, "wall_s": wall,
        "cpu_s": (user - user0) + (sys_ - sys0), "user_s": user - user0, "sys_s": sys_ - sys0,
        "rss_kb": rss_kb(), "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "checkpoints": args.checkpoint_rss_kb,
    }), flush=True)
