"""Test configuration: the library, the simulator (VIPPS_SIM_*), and helpers.

Tests that talk to a vipps-sim are skipped with a reason when VIPPS_SIM_URL etc. are not set
(run them under scripts/with-simulator.sh).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

import vipps

SIM_VARS = (
    "VIPPS_SIM_URL",
    "VIPPS_SIM_CA",
    "VIPPS_SIM_CLIENT_ID",
    "VIPPS_SIM_CLIENT_SECRET",
    "VIPPS_SIM_SUBSCRIPTION_KEY",
    "VIPPS_SIM_MSN",
)


@pytest.fixture(scope="session", autouse=True)
def library() -> str:
    try:
        return vipps.load_library()
    except ImportError as error:  # LibraryNotFound / LibraryVersionMismatch
        pytest.skip(f"libvipps not loadable: {error}")


@dataclass(frozen=True)
class Sim:
    url: str
    ca: str
    client_id: str
    client_secret: str
    subscription_key: str
    msn: str

    def client_kwargs(self, **overrides: Any) -> dict[str, Any]:
        kwargs: dict[str, Any] = dict(
            base_url=self.url,
            ca_file=self.ca,
            client_id=self.client_id,
            client_secret=self.client_secret,
            subscription_key=self.subscription_key,
            merchant_serial_number=self.msn,
        )
        kwargs.update(overrides)
        return kwargs


@pytest.fixture(scope="session")
def sim() -> Sim:
    missing = [name for name in SIM_VARS if not os.environ.get(name)]
    if missing:
        pytest.skip(
            f"no vipps-sim: {', '.join(missing)} not set (run under scripts/with-simulator.sh)"
        )
    env = os.environ
    return Sim(
        env["VIPPS_SIM_URL"],
        env["VIPPS_SIM_CA"],
        env["VIPPS_SIM_CLIENT_ID"],
        env["VIPPS_SIM_CLIENT_SECRET"],
        env["VIPPS_SIM_SUBSCRIPTION_KEY"],
        env["VIPPS_SIM_MSN"],
    )


@pytest.fixture
def client(sim: Sim) -> Iterator[vipps.Client]:
    with vipps.Client(**sim.client_kwargs()) as c:
        yield c


@pytest.fixture
def new_order_id() -> Callable[[], str]:
    def make() -> str:
        return f"py-{uuid.uuid4().hex[:20]}"

    return make


AMOUNT = 49900
CALLBACK_PREFIX = "https://shop.example/vipps"
FALLBACK_URL = "https://shop.example/order"


@pytest.fixture
def initiated(client: vipps.Client, new_order_id: Callable[[], str]) -> Callable[..., vipps.Initiation]:
    def make(amount: int = AMOUNT, **kwargs: Any) -> vipps.Initiation:
        return client.initiate(new_order_id(), amount, "Python test", CALLBACK_PREFIX, FALLBACK_URL, **kwargs)

    return make


@pytest.fixture
def reserved(client: vipps.Client, initiated: Callable[..., vipps.Initiation]) -> Callable[..., str]:
    """Initiates and force-approves a payment; returns its order id."""

    def make(amount: int = AMOUNT) -> str:
        initiation = initiated(amount)
        assert initiation.token
        client.force_approve(initiation.order_id, initiation.token, phone_number="91234567")
        return initiation.order_id

    return make
