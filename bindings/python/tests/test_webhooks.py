"""Webhooks and Userinfo from Python: the published signature vector, refusals by reason, and
webhooks delivered by vipps-sim over HTTP to a receiver on loopback, verified as a shop would."""

from __future__ import annotations

import http.server
import queue
import threading
from collections.abc import Callable, Iterator

import pytest

import vipps
from conftest import CALLBACK_PREFIX, FALLBACK_URL, Sim

SECRET = "A0+AeKBRG2KRGvnNwJpQlb6IJFk48CKXCIcrLoHncVJKDILsQSxS6NWCccwWm6r6FhGKhiHTBsG2wo/xU6FY/A=="
URL = "https://webhook.site/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63"
DATE = "Thu, 30 Mar 2023 08:38:32 GMT"
NOW = 1680165512
BODY = b'{"some-unique-content":"ee6e441b-cc4a-46f8-895d-a5af79bcc233/hello-world"}'
HEADERS = {
    "x-ms-date": DATE,
    "x-ms-content-sha256": "lNlsp1XA03N34HrQsVzPgJKtC+r7l/RBF4V3JQUWMj4=",
    "Authorization": "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256"
    "&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=",
}


def test_the_published_vector_verifies() -> None:
    # Its body is no event: verification passes, then parsing says what is missing.
    with pytest.raises(vipps.InvalidArgument, match="event name"):
        vipps.verify_webhook(BODY, HEADERS, URL, SECRET, now=NOW)
    with pytest.raises(vipps.WebhookRefused) as refused:
        vipps.verify_webhook(BODY, HEADERS, URL, SECRET, now=NOW + 301)
    assert refused.value.reason == vipps.WebhookRefusal.DATE_OUTSIDE_WINDOW
    assert refused.value.reason_code == "date_outside_window"


@pytest.mark.parametrize(
    "change, reason",
    [
        (dict(body=BODY.replace(b"hello", b"HELLO")), vipps.WebhookRefusal.CONTENT_HASH_MISMATCH),
        (dict(headers={**HEADERS, "x-ms-date": "Thu, 30 Mar 2023 08:38:33 GMT"}), vipps.WebhookRefusal.SIGNATURE_MISMATCH),
        (dict(url=URL + "/other"), vipps.WebhookRefusal.SIGNATURE_MISMATCH),
        (dict(secrets="wrong-secret"), vipps.WebhookRefusal.SIGNATURE_MISMATCH),
        (dict(headers={k: v for k, v in HEADERS.items() if k != "x-ms-date"}), vipps.WebhookRefusal.MISSING_DATE),
        (dict(headers={**HEADERS, "Authorization": "Bearer x"}), vipps.WebhookRefusal.MALFORMED_AUTHORIZATION),
    ],
)
def test_tampered_requests_are_refused_with_their_reason(change: dict, reason: vipps.WebhookRefusal) -> None:
    with pytest.raises(vipps.WebhookRefused) as refused:
        vipps.verify_webhook(change.get("body", BODY), change.get("headers", HEADERS), change.get("url", URL),
                             change.get("secrets", SECRET), now=NOW)
    assert refused.value.reason == reason
    assert isinstance(refused.value, vipps.AuthenticationError)
    assert SECRET not in str(refused.value)


def test_text_bodies_are_refused_because_only_raw_bytes_hash_right() -> None:
    with pytest.raises(vipps.InvalidArgument) as error:
        vipps.verify_webhook(BODY.decode(), HEADERS, URL, SECRET, now=NOW)  # type: ignore[arg-type]
    assert error.value.field == "body"


def test_unknown_event_names_parse() -> None:
    event = vipps.parse_webhook_event(b'{"name":"SOMETHING_NEW","reference":"r"}')
    assert event.kind == vipps.EventKind.UNKNOWN and event.name == "SOMETHING_NEW" and event.event_type is None


class _Receiver(http.server.BaseHTTPRequestHandler):
    received: queue.Queue

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.received.put((self.path, self.headers, body))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[tuple[str, queue.Queue]]:
    handler = type("Receiver", (_Receiver,), {"received": queue.Queue()})
    server = http.server.HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/shop/webhooks?from=vipps", handler.received
    server.shutdown()
    server.server_close()


def test_webhooks_from_the_simulator_verify_and_tampered_ones_do_not(
    sim: Sim, new_order_id: Callable[[], str], receiver: tuple[str, queue.Queue]
) -> None:
    url, received = receiver
    with vipps.Client(**sim.client_kwargs(api="epayment")) as client:
        registration = client.register_webhook(url, ["epayments.payment.authorized.v1"])
        assert registration.secret and registration.id
        listed = {w.id: w for w in client.webhooks()}
        assert listed[registration.id].url == url and listed[registration.id].secret is None
        assert listed[registration.id].events == ["epayments.payment.authorized.v1"]
        order_id = new_order_id()
        initiation = client.initiate(order_id, 4200, "Webhook test", CALLBACK_PREFIX, FALLBACK_URL,
                                     phone_number="91234567")
        client.force_approve(order_id, initiation.token or "", phone_number="91234567")
        path, headers, body = received.get(timeout=10)
        assert path == "/shop/webhooks?from=vipps"
        # Rotation: the old and the new secret together.
        event = vipps.verify_webhook(body, headers, url, ["an-older-secret", registration.secret])
        assert event.kind == vipps.EventKind.AUTHORIZED and event.reference == order_id
        assert event.amount == 4200 and event.currency == "NOK" and event.success
        assert event.event_type == "epayments.payment.authorized.v1"

        def refused(**change: object) -> vipps.WebhookRefusal:
            with pytest.raises(vipps.WebhookRefused) as error:
                vipps.verify_webhook(change.get("body", body), change.get("headers", headers),  # type: ignore[arg-type]
                                     change.get("url", url), change.get("secrets", registration.secret))  # type: ignore[arg-type]
            assert registration.secret not in str(error.value)
            return error.value.reason

        assert refused(body=body.replace(b"4200", b"4201")) == vipps.WebhookRefusal.CONTENT_HASH_MISMATCH
        stale = [(k, "Thu, 30 Mar 2023 08:38:32 GMT" if k.lower() == "x-ms-date" else v) for k, v in headers.items()]
        assert refused(headers=stale) == vipps.WebhookRefusal.SIGNATURE_MISMATCH
        assert refused(url=url.replace("/shop/", "/proxy/")) == vipps.WebhookRefusal.SIGNATURE_MISMATCH
        assert refused(secrets="not-the-secret") == vipps.WebhookRefusal.SIGNATURE_MISMATCH
        client.delete_webhook(registration.id)
        with pytest.raises(vipps.NotFound):
            client.delete_webhook(registration.id)


@pytest.mark.parametrize("api", ["epayment", "ecom"])
def test_userinfo_of_an_approved_payment(sim: Sim, new_order_id: Callable[[], str], api: str) -> None:
    with vipps.Client(**sim.client_kwargs(api=api)) as client:
        order_id = new_order_id()
        initiation = client.initiate(order_id, 1000, "Profile", CALLBACK_PREFIX, FALLBACK_URL,
                                     phone_number="91234567", scope="name email phoneNumber address")
        client.force_approve(order_id, initiation.token or "", phone_number="91234567")
        payment = client.details(order_id)
        assert payment.sub
        info = client.userinfo(payment.sub)
        assert info.sub == payment.sub and info.phone_number == "4791234567"
        assert info.given_name and info.family_name and info.email and info.email_verified is not None
        assert info.street_address and info.country and info.birthdate is None
        assert "4791234567" not in repr(info)
        with pytest.raises(vipps.NotFound):
            client.userinfo("00000000-0000-4000-8000-000000000000")
