"""Sharing the access token: 16 processes on the built-in file store, and 8 processes standing in
for hosts on Redis, each make one token fetch between them, counted at vipps-sim
(GET /sim/v1/tokens). A refused token is dropped from the store and replaced by one fetch; a
store that fails costs a fetch, never a call."""

from __future__ import annotations

import json
import os
import ssl
import stat
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Callable

import pytest

import vipps

from conftest import Sim

# A process of its own: waits for "go" on stdin so that all start with a cold store, then makes
# its calls. argv: mode (file|redis), where (directory|socket), order id, calls.
CHILD = r"""
import os, sys
import vipps
mode, where, order_id, calls = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
kwargs = dict(base_url=os.environ["VIPPS_SIM_URL"], ca_file=os.environ["VIPPS_SIM_CA"],
              client_id=os.environ["VIPPS_SIM_CLIENT_ID"], client_secret=os.environ["VIPPS_SIM_CLIENT_SECRET"],
              subscription_key=os.environ["VIPPS_SIM_SUBSCRIPTION_KEY"],
              merchant_serial_number=os.environ["VIPPS_SIM_MSN"])
if mode == "file":
    kwargs["token_file_store"] = where
else:
    import redis
    kwargs["token_store"] = vipps.RedisTokenStore(redis.Redis(unix_socket_path=where), prefix=sys.argv[5])
sys.stdin.readline()
with vipps.Client(**kwargs) as client:
    for _ in range(calls):
        assert client.details(order_id).state == vipps.PaymentState.RESERVED
print("ok")
"""


def _control(sim: Sim, method: str, path: str) -> dict[str, object]:
    context = ssl.create_default_context(cafile=sim.ca)
    request = urllib.request.Request(sim.url + path, method=method, data=b"{}" if method == "POST" else None)
    with urllib.request.urlopen(request, context=context, timeout=10) as response:
        return json.loads(response.read())


def tokens_issued(sim: Sim) -> int:
    return int(_control(sim, "GET", "/sim/v1/tokens")["issued"])  # type: ignore[arg-type]


def run_processes(count: int, *args: str, calls: int = 20) -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, *args[:2], args[2], str(calls), *args[3:]],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
        )
        for _ in range(count)
    ]
    for child in children:  # all are started before any is told to go
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0 and out.strip() == "ok", err


@pytest.fixture
def order_id(client: vipps.Client, reserved: Callable[..., str]) -> str:
    return reserved()


def test_file_store_processes_fetch_once(sim: Sim, order_id: str) -> None:
    with tempfile.TemporaryDirectory() as parent:
        directory = os.path.join(parent, "tokens")
        before = tokens_issued(sim)
        run_processes(16, "file", directory, order_id)
        assert tokens_issued(sim) - before == 1
        assert stat.S_IMODE(os.stat(directory).st_mode) == 0o700
        names = os.listdir(directory)
        assert names and all(stat.S_IMODE(os.stat(os.path.join(directory, n)).st_mode) == 0o600 for n in names)
        assert not any(sim.client_secret in n or sim.client_id in n for n in names)

        # Revoked at the simulator: each process sees a 401, one fetches the replacement.
        _control(sim, "POST", "/sim/v1/tokens/revoke")
        before = tokens_issued(sim)
        run_processes(16, "file", directory, order_id)
        assert tokens_issued(sim) - before == 1


class _Memory:
    """A store in this process; it counts what the library asked of it."""

    def __init__(self, fail: bool = False) -> None:
        self.tokens: dict[str, str] = {}
        self.claims: set[str] = set()
        self.calls: list[str] = []
        self.fail = fail

    def load(self, key: str) -> tuple[str, int] | None:
        self.calls.append("load")
        if self.fail:
            raise OSError("store down")
        return (self.tokens[key], 60_000) if key in self.tokens else None

    def store(self, key: str, token: str, valid_for_ms: int) -> bool:
        self.calls.append("store")
        assert 0 < valid_for_ms <= 3_600_000
        self.tokens[key] = token
        self.claims.discard(key)
        return True

    def claim(self, key: str, claim_for_ms: int) -> bool:
        self.calls.append("claim")
        if self.fail:
            raise OSError("store down")
        if key in self.claims:
            return False
        self.claims.add(key)
        return True

    def remove(self, key: str, token: str) -> None:
        self.calls.append("remove")
        if self.tokens.get(key) == token:
            del self.tokens[key]


def test_python_store_shared_by_clients(sim: Sim, order_id: str) -> None:
    memory = _Memory()
    before = tokens_issued(sim)
    with vipps.Client(**sim.client_kwargs(token_store=memory)) as first, \
            vipps.Client(**sim.client_kwargs(token_store=memory)) as second:
        assert first.details(order_id).state == vipps.PaymentState.RESERVED
        assert second.details(order_id).state == vipps.PaymentState.RESERVED
        assert tokens_issued(sim) - before == 1
        assert memory.calls.count("store") == 1
        (key,) = memory.tokens
        assert key.startswith("vipps-token-") and sim.client_secret not in key

        _control(sim, "POST", "/sim/v1/tokens/revoke")
        first.details(order_id)
        second.details(order_id)
        assert memory.calls.count("remove") == 2  # one removed it, the other found a newer one
        assert tokens_issued(sim) - before == 2


def test_failing_store_costs_a_fetch_not_a_call(sim: Sim, order_id: str) -> None:
    memory = _Memory(fail=True)
    before = tokens_issued(sim)
    with vipps.Client(**sim.client_kwargs(token_store=memory)) as client:
        assert client.details(order_id).state == vipps.PaymentState.RESERVED
        assert client.details(order_id).state == vipps.PaymentState.RESERVED
    assert tokens_issued(sim) - before == 1


def test_store_arguments(sim: Sim, tmp_path: object) -> None:
    with pytest.raises(vipps.InvalidArgument) as refused:
        vipps.Client(**sim.client_kwargs(token_store=_Memory(), token_file_store="/tmp"))
    assert refused.value.field == "token_store"
    with pytest.raises(vipps.InvalidArgument) as refused:
        vipps.Client(**sim.client_kwargs(token_file_store="/proc/no/such/dir"))
    assert refused.value.field == "directory"


def test_redis_store_across_processes(sim: Sim, order_id: str) -> None:
    socket = os.environ.get("VIPPS_REDIS_SOCKET")
    if not socket:
        pytest.skip("no redis-server: VIPPS_REDIS_SOCKET not set (run under scripts/with-redis.sh)")
    redis = pytest.importorskip("redis")
    prefix = f"py-{os.getpid()}:"
    before = tokens_issued(sim)
    run_processes(8, "redis", socket, order_id, prefix)
    assert tokens_issued(sim) - before == 1
    server = redis.Redis(unix_socket_path=socket)
    keys = server.keys(prefix + "*")
    assert len(keys) == 1 and server.pttl(keys[0]) > 0

    _control(sim, "POST", "/sim/v1/tokens/revoke")
    before = tokens_issued(sim)
    run_processes(8, "redis", socket, order_id, prefix)
    assert tokens_issued(sim) - before == 1
    for key in server.keys(prefix + "*"):
        server.delete(key)
