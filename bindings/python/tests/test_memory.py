"""Many details calls must not leak: RSS from /proc/self/statm after 1 000 calls and at the end."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import pytest

import vipps

CALLS = int(os.environ.get("VIPPS_MEMORY_CALLS", "10000"))
WARMUP = 1000
LIMIT = 5 * 1024 * 1024


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc/self/statm (Linux)")
def test_details_loop_does_not_leak(client: vipps.Client, reserved: Callable[..., str], new_order_id: Callable[[], str]) -> None:
    order_id = reserved()
    missing = new_order_id()
    start = time.monotonic()
    after_warmup = 0
    for i in range(1, CALLS + 1):
        payment = client.details(order_id)
        assert payment.state is vipps.PaymentState.RESERVED
        if i % 10 == 0:  # the error path too: exceptions built from vipps_error_last
            with pytest.raises(vipps.NotFound):
                client.details(missing)
        if i == WARMUP:
            after_warmup = _rss()
    end = _rss()
    elapsed = time.monotonic() - start
    print(
        f"\nmemory: {CALLS} details calls in {elapsed:.1f} s; RSS after {WARMUP}: {after_warmup / 1048576:.2f} MiB, "
        f"at end: {end / 1048576:.2f} MiB, growth {(end - after_warmup) / 1024:.0f} KiB"
    )
    assert end - after_warmup < LIMIT
