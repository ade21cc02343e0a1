"""Webhooks for the demo shop and the ePayment chaos run: registering a receiver with the Webhooks
API (standard library only) and checking each delivery's signature with libvipps.
"""
from __future__ import annotations

import json
import ssl
import urllib.parse
import urllib.request
from collections.abc import Mapping

import vipps

EVENTS = [f"epayments.payment.{n}.v1" for n in
          ("created", "aborted", "expired", "cancelled", "captured", "refunded", "authorized", "terminated")]


# What the shop logs and answers for each refusal the library reports.
REFUSALS = {
    vipps.WebhookRefusal.MISSING_DATE: "missing-header",
    vipps.WebhookRefusal.MISSING_CONTENT_HASH: "missing-header",
    vipps.WebhookRefusal.MISSING_AUTHORIZATION: "missing-header",
    vipps.WebhookRefusal.MALFORMED_DATE: "malformed-date",
    vipps.WebhookRefusal.DATE_OUTSIDE_WINDOW: "date-skew",
    vipps.WebhookRefusal.MALFORMED_CONTENT_HASH: "content-hash",
    vipps.WebhookRefusal.CONTENT_HASH_MISMATCH: "content-hash",
    vipps.WebhookRefusal.MALFORMED_AUTHORIZATION: "malformed-authorization",
    vipps.WebhookRefusal.SIGNATURE_MISMATCH: "signature",
    vipps.WebhookRefusal.METHOD_NOT_POST: "method",
}


def verify_webhook(body: bytes, headers: Mapping[str, str], registered_url: str, secret: str,
                   skew_s: int = 300, now: float | None = None) -> str | None:
    """None when the delivery is signed by `secret` for `registered_url`, else why not: libvipps'
    verifier (vipps.verify_webhook). The host and path come from the URL the shop registered,
    never from the request."""
    try:
        vipps.verify_webhook(body, headers, registered_url, secret, window_seconds=skew_s,
                             now=None if now is None else int(now))
    except vipps.WebhookRefused as refused:
        return REFUSALS.get(refused.reason, str(refused.reason))
    except vipps.InvalidArgument as error:
        # The signature held (a refusal comes first) but the body is no webhook event.
        if error.field == "body":
            return "not-an-event"
        raise
    return None


# Vipps' published example (docs/webhooks-and-userinfo.md): the verifier the reconciliation trusts
# must accept it and refuse it tampered, or every figure below would mean nothing.
VECTOR_SECRET = "A0+AeKBRG2KRGvnNwJpQlb6IJFk48CKXCIcrLoHncVJKDILsQSxS6NWCccwWm6r6FhGKhiHTBsG2wo/xU6FY/A=="
VECTOR_URL = "https://webhook.site/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63"
VECTOR_BODY = b'{"some-unique-content":"ee6e441b-cc4a-46f8-895d-a5af79bcc233/hello-world"}'
VECTOR_HEADERS = {
    "x-ms-date": "Thu, 30 Mar 2023 08:38:32 GMT",
    "x-ms-content-sha256": "lNlsp1XA03N34HrQsVzPgJKtC+r7l/RBF4V3JQUWMj4=",
    "authorization": "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256"
                     "&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=",
}


def check_verifier() -> list[str]:
    def run(body: bytes = VECTOR_BODY, url: str = VECTOR_URL, secret: str = VECTOR_SECRET, skew: int = 0,
            **changed: str) -> str | None:
        headers = {**VECTOR_HEADERS, **{k.replace("_", "-"): v for k, v in changed.items()}}
        return verify_webhook(body, {k: v for k, v in headers.items() if v}, url, secret, skew_s=skew)

    cases = [
        # Vipps' example body is signed but is no payment event: the library verifies it, then
        # refuses to read an event from it.
        ("the published vector", run(), "not-an-event"),
        ("a changed body", run(body=VECTOR_BODY.replace(b"hello", b"hellO")), "content-hash"),
        ("another path", run(url=VECTOR_URL + "x"), "signature"),
        ("another host", run(url=VECTOR_URL.replace("webhook.site", "proxy.example")), "signature"),
        ("another secret", run(secret=VECTOR_SECRET[::-1]), "signature"),
        ("another date", run(x_ms_date="Thu, 30 Mar 2023 08:38:33 GMT"), "signature"),
        ("an old date", run(skew=300), "date-skew"),
        ("no date", run(x_ms_date=""), "missing-header"),
    ]
    return [f"verifier: {what}: {got} (expected {want})" for what, got, want in cases if got != want]


def gateway(url: str, ctx: ssl.SSLContext, method: str, path: str, headers: dict[str, str],
            body: object | None = None) -> object:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url + path, data=data, method=method,
                                 headers={"Content-Type": "application/json", **headers})
    with urllib.request.urlopen(req, context=ctx, timeout=30) as resp:
        raw = resp.read()
    return json.loads(raw) if raw.strip() else None


def register(base_url: str, ca_file: str | None, client_id: str, client_secret: str, subscription_key: str,
             msn: str, receiver_url: str, events: list[str] = EVENTS) -> dict:
    """POST /webhooks/v1/webhooks for one sales unit: {"id", "secret"}. The secret is in this answer
    only; keep it like a password."""
    url = base_url.rstrip("/")
    ctx = ssl.create_default_context(cafile=ca_file) if ca_file else ssl.create_default_context()
    keys = {"Ocp-Apim-Subscription-Key": subscription_key, "Merchant-Serial-Number": msn}
    token = gateway(url, ctx, "POST", "/accesstoken/get", {**keys, "client_id": client_id, "client_secret": client_secret})
    if not isinstance(token, dict) or "access_token" not in token:
        raise RuntimeError("no access token for the webhook registration")
    registration = gateway(url, ctx, "POST", "/webhooks/v1/webhooks",
                           {**keys, "Authorization": f"Bearer {token['access_token']}"},
                           {"url": receiver_url, "events": events})
    if not isinstance(registration, dict) or "secret" not in registration:
        raise RuntimeError("the webhook registration answered no secret")
    return registration
