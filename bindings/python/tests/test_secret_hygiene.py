"""Secret hygiene from Python: exception texts are what shops log, so no
exception (str, repr, attributes, formatted traceback) and no record of the `logging`
integration may hold the client secret, the subscription key, an access token or an authToken,
even when Vipps' answer echoes them back. The C suite bindings/c/tests/test_secret_hygiene.c
covers the same ground through the C interface.
"""

from __future__ import annotations

import json
import logging
import ssl
import traceback
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import vipps
from conftest import CALLBACK_PREFIX, FALLBACK_URL, Sim

AUTH_TOKEN = "hyg-py-authtoken-Jm4Rq8Xw2Lp"
WRONG_SECRET = "hyg-py-wrong-secret-Bv7Kd2Qs"
WRONG_KEY = "hyg-py-wrong-key-Nc5Ht9Wz"
PHONE = "91827365"
ORDER = "py-hyg-echo-order"


def _fragments(secret: str, size: int = 24, step: int = 8) -> list[str]:
    """A secret is searched for in pieces: a cut-short message must not keep most of one."""
    if len(secret) <= size:
        return [secret]
    pieces = [secret[i : i + size] for i in range(0, len(secret) - size + 1, step)]
    return pieces + [secret[-size:]]


class Secrets:
    def __init__(self, sim: Sim) -> None:
        self.values: dict[str, str] = {
            "client secret": sim.client_secret,
            "subscription key": sim.subscription_key,
            "authToken": AUTH_TOKEN,
            "wrong client secret": WRONG_SECRET,
            "wrong subscription key": WRONG_KEY,
        }

    def add_token(self, token: str) -> None:
        self.values[f"access token {len(self.values)}"] = token

    def found_in(self, text: str) -> str | None:
        """The name of a secret a piece of which occurs in text (never the value itself)."""
        for name, value in self.values.items():
            if any(piece in text for piece in _fragments(value)):
                return name
        return None


class Records(logging.Handler):
    """Every record of the library's logger, formatted as a shop's log file would hold it."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class Control:
    """The simulator's control API and token endpoint, over its own CA."""

    def __init__(self, sim: Sim) -> None:
        self.sim = sim
        self.context = ssl.create_default_context(cafile=sim.ca)

    def call(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None) -> bytes:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.sim.url + path, data=data, method=method, headers=headers or {})
        if data is not None:
            request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, context=self.context, timeout=10) as response:
            return response.read()

    def fault(self, **fault: Any) -> None:
        self.call("POST", "/sim/v1/faults", fault)

    def clear_faults(self) -> None:
        self.call("DELETE", "/sim/v1/faults")

    def plant_token(self, secrets: Secrets) -> str:
        """The next token the library fetches is one the test fetched itself (replayed through a
        respond fault), so the test knows the value to look for."""
        answer = self._token_answer()
        token = json.loads(answer)["access_token"]
        secrets.add_token(token)
        self.fault(endpoint="token", kind="respond", status=200, body=answer.decode())
        return token

    def _token_answer(self) -> bytes:
        request = urllib.request.Request(
            self.sim.url + "/accesstoken/get",
            data=b"",
            method="POST",
            headers={
                "client_id": self.sim.client_id,
                "client_secret": self.sim.client_secret,
                "Ocp-Apim-Subscription-Key": self.sim.subscription_key,
            },
        )
        with urllib.request.urlopen(request, context=self.context, timeout=10) as response:
            return response.read()


@pytest.fixture
def secrets(sim: Sim) -> Secrets:
    return Secrets(sim)


@pytest.fixture
def control(sim: Sim) -> Iterator[Control]:
    c = Control(sim)
    c.clear_faults()
    yield c
    c.clear_faults()


@pytest.fixture
def records() -> Iterator[Records]:
    handler = Records()
    logger = logging.getLogger("vipps.hygiene")
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def _client(sim: Sim, attempts: int = 1, **overrides: Any) -> vipps.Client:
    return vipps.Client(
        **sim.client_kwargs(
            logger=logging.getLogger("vipps.hygiene"),
            log_level=logging.DEBUG,
            retry=vipps.RetryPolicy(attempts, 10, 100, 20000),
            **overrides,
        )
    )


def _assert_clean(secrets: Secrets, what: str, text: str | None) -> None:
    found = secrets.found_in(text or "")
    assert found is None, f"{what} contains (part of) the {found}"


def _assert_clean_error(secrets: Secrets, error: vipps.VippsError, client: vipps.Client | None = None) -> None:
    """Everything a shop might log about an exception."""
    formatted = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    for what, text in [
        ("str", str(error)),
        ("repr", repr(error)),
        ("message", error.message),
        ("error_group", error.error_group),
        ("error_code", error.error_code),
        ("context_id", error.context_id),
        ("request_id", error.request_id),
        ("args", repr(error.args)),
        ("traceback", formatted),
    ]:
        _assert_clean(secrets, what, text)
    if client is not None:
        copy = client.last_error()
        if copy is not None:
            _assert_clean(secrets, "last_error", repr(copy))


def _expect(secrets: Secrets, kind: type[vipps.VippsError], call: Callable[[], Any], client: Any = None) -> str:
    with pytest.raises(kind) as caught:
        call()
    _assert_clean_error(secrets, caught.value, client)
    return str(caught.value)


SHAPES = [
    ("400", '[{{"errorGroup":"{K}","errorCode":"{T}","errorMessage":"key {K} secret {S} Bearer {T}","contextId":"{S}"}}]',
     vipps.Rejected),
    ("401", '{{"statusCode":401,"message":"Invalid subscription key {K} for Bearer {T}"}}', vipps.AuthenticationError),
    ("403", '{{"errorCode":"{K}","errorMessage":"{T}","contextId":"{T}"}}', vipps.AuthenticationError),
    ("500", '{{"responseInfo":{{"responseCode":"{S}","responseMessage":"{T} {K}"}},"result":{{"message":"Bearer {T}"}}}}',
     vipps.ServerError),
    ("200", '[{{"errorGroup":"VippsError","errorCode":"99","errorMessage":"{K} {T} {S}"}}]', vipps.Rejected),
]


def test_flow_and_echoed_secrets(
    sim: Sim, secrets: Secrets, control: Control, records: Records, new_order_id: Callable[[], str]
) -> None:
    token = control.plant_token(secrets)
    with _client(sim) as client:
        # A payment at debug level: initiate with authToken and phone, approve, capture, refund.
        order_id = new_order_id()
        client.initiate(order_id, 10000, "Hygiene", CALLBACK_PREFIX, FALLBACK_URL, phone_number=PHONE,
                        auth_token=AUTH_TOKEN)
        control.call("POST", f"/sim/v1/payments/{order_id}/approve")
        client.details(order_id)
        client.capture(order_id, 4000, "Part")
        client.capture(order_id, vipps.REMAINING, "Rest")
        client.refund(order_id, 1000, "Returned")
        client.status(order_id)

        # Vipps' refusals.
        _expect(secrets, vipps.NotFound, lambda: client.details("py-hyg-no-such-order"), client)
        _expect(secrets, vipps.Rejected, lambda: client.initiate(order_id, 10000, "Again", CALLBACK_PREFIX, FALLBACK_URL,
                                                                 auth_token=AUTH_TOKEN), client)
        _expect(secrets, vipps.Rejected, lambda: client.refund(order_id, 999999, "Too much"), client)

        # Answers that echo the secrets back, in each error shape.
        values = {"S": sim.client_secret, "K": sim.subscription_key, "T": token}
        for status, template, kind in SHAPES:
            control.fault(endpoint="details", orderId=ORDER, kind="respond", status=int(status), count=9,
                          body=template.format(**values))
            # The echo reached the message and was blanked there (so the check was not idle).
            assert "[redacted]" in _expect(secrets, kind, lambda: client.details(ORDER), client)
            control.clear_faults()

        # Cut short: Vipps' text is truncated, the token straddles the cut.
        control.fault(endpoint="details", orderId=ORDER, kind="respond", status=400,
                      body=json.dumps([{"errorGroup": "Payment", "errorCode": "99",
                                        "errorMessage": "x" * 480 + " " + token}]))
        _expect(secrets, vipps.Rejected, lambda: client.details(ORDER), client)

        # Initiate refused with the authToken echoed.
        echo_order = new_order_id()
        control.fault(endpoint="initiate", orderId=echo_order, kind="respond", status=400,
                      body=json.dumps([{"errorGroup": "InvalidRequest", "errorCode": "merchantInfo.authToken",
                                        "errorMessage": f"authToken {AUTH_TOKEN} is not accepted",
                                        "contextId": AUTH_TOKEN}]))
        _expect(secrets, vipps.Rejected, lambda: client.initiate(echo_order, 2000, "Echo", CALLBACK_PREFIX,
                                                                 FALLBACK_URL, auth_token=AUTH_TOKEN), client)

    # The token service echoing the credentials, on a client without a token.
    with _client(sim) as fresh:
        control.fault(endpoint="token", kind="respond", status=401,
                      body=json.dumps({"error": sim.subscription_key,
                                       "error_description": f"Invalid client secret {sim.client_secret}",
                                       "correlation_id": sim.client_secret}))
        _expect(secrets, vipps.AuthenticationError, lambda: fresh.details(ORDER), fresh)

    # Wrong credentials.
    with _client(sim, client_secret=WRONG_SECRET) as wrong:
        _expect(secrets, vipps.AuthenticationError, lambda: wrong.details(ORDER), wrong)
    with _client(sim, subscription_key=WRONG_KEY) as wrong:
        _expect(secrets, vipps.AuthenticationError, lambda: wrong.details(ORDER), wrong)

    # Faults: 5xx without retries, a dropped answer, 429.
    with _client(sim) as client:
        order_id = new_order_id()
        initiation = client.initiate(order_id, 5000, "Faults", CALLBACK_PREFIX, FALLBACK_URL, auth_token=AUTH_TOKEN)
        client.force_approve(order_id, initiation.token or "", phone_number=PHONE)
        control.fault(endpoint="details", orderId=order_id, kind="error-before", status=503)
        _expect(secrets, vipps.ServerError, lambda: client.details(order_id), client)
        control.fault(endpoint="capture", orderId=order_id, kind="drop-after")
        _expect(secrets, vipps.OutcomeUnknown, lambda: client.capture(order_id, 1000, "Lost"), client)
        control.fault(endpoint="capture", orderId=order_id, kind="rate-limit", retryAfter=0)
        _expect(secrets, vipps.RateLimited, lambda: client.capture(order_id, 1000, "Limited"), client)

    # Callbacks: a forged or missing Authorization header.
    _expect(secrets, vipps.AuthenticationError, lambda: vipps.verify_callback(AUTH_TOKEN, "hyg-forged"))
    _expect(secrets, vipps.AuthenticationError, lambda: vipps.verify_callback(AUTH_TOKEN, AUTH_TOKEN + "x"))
    _expect(secrets, vipps.AuthenticationError, lambda: vipps.verify_callback(AUTH_TOKEN, None))

    # Invalid arguments with secrets in them: refused without repeating them.
    _expect(secrets, vipps.InvalidArgument, lambda: _client(sim, client_secret=sim.client_secret + "\x01"))
    _expect(secrets, vipps.InvalidArgument, lambda: _client(sim, subscription_key=sim.subscription_key + "\0"))
    with _client(sim) as client:
        _expect(secrets, vipps.InvalidArgument,
                lambda: client.initiate(new_order_id(), 5000, "Bad", CALLBACK_PREFIX, FALLBACK_URL,
                                        auth_token=AUTH_TOKEN + "\t"))

    # The logging integration: debug records were written, and none holds a secret.
    assert any(line.startswith("DEBUG") for line in records.lines)
    assert any(line.startswith("WARNING") or line.startswith("INFO") for line in records.lines)
    _assert_clean(secrets, "log records", records.text)
    assert "Bearer ey" not in records.text
    assert PHONE not in records.text  # personal data masked by default


def test_personal_data_is_shown_only_when_opted_in(
    sim: Sim, control: Control, records: Records, new_order_id: Callable[[], str]
) -> None:
    order_id = new_order_id()
    with _client(sim) as masked:
        masked.initiate(order_id, 5000, "Personal", CALLBACK_PREFIX, FALLBACK_URL, phone_number=PHONE)
    assert records.lines and PHONE not in records.text
    with _client(sim, log_personal_data=True) as shown:
        shown.initiate(new_order_id(), 5000, "Personal", CALLBACK_PREFIX, FALLBACK_URL, phone_number=PHONE)
    assert PHONE in records.text
