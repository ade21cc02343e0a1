"""What the Webhooks and Userinfo checks share: finding Vipps' files next to the repository, calling
vipps-sim over TLS, and validating a body against a schema of an OpenAPI file."""

import json
import os
import ssl
import sys
import urllib.error
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_dir():
    """Vipps' files: $VIPPS_SHARED_DIR when set (only there), else ../shared beside the repository;
    None when absent."""
    env = os.environ.get("VIPPS_SHARED_DIR")
    candidate = Path(env) if env else REPO_ROOT.parent / "shared"
    return candidate if candidate.is_dir() else None


def load_yaml(path):
    import yaml

    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def deref(node, root, seen=()):
    """Inlines local $refs."""
    if isinstance(node, dict):
        if "$ref" in node and node["$ref"].startswith("#/"):
            ref = node["$ref"]
            if ref in seen:
                return {}
            target = root
            for part in ref[2:].split("/"):
                target = target[part]
            return deref(target, root, seen + (ref,))
        return {k: deref(v, root, seen) for k, v in node.items()}
    if isinstance(node, list):
        return [deref(v, root, seen) for v in node]
    return node


def schema_errors(schema, body):
    from openapi_schema_validator import OAS30Validator

    errors = sorted(OAS30Validator(schema).iter_errors(body), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message[:160]}" for e in errors[:5]]


class Results:
    def __init__(self, name):
        self.name, self.passed, self.failed = name, 0, 0

    def check(self, ok, what, detail=""):
        if ok:
            self.passed += 1
            print(f"  ok    {what}")
        else:
            self.failed += 1
            print(f"  FAIL  {what}: {detail}")
        return ok

    def finish(self):
        print(f"{self.name}: {self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


class Simulator:
    """Calls to vipps-sim as scripts/with-simulator.sh describes it in the environment."""

    def __init__(self):
        self.base = os.environ["VIPPS_SIM_URL"]
        self.msn = os.environ["VIPPS_SIM_MSN"]
        self.context = ssl.create_default_context(cafile=os.environ["VIPPS_SIM_CA"])

    def call(self, method, url, headers=None, body=None):
        """Returns (status, headers, parsed JSON or None); HTTP errors are answers too."""
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        full = url if url.startswith("http") else self.base + url
        request = urllib.request.Request(full, data=data, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, context=self.context, timeout=10) as response:
                text = response.read().decode()
                status, answer_headers = response.status, response.headers
        except urllib.error.HTTPError as error:
            text = error.read().decode()
            status, answer_headers = error.code, error.headers
        try:
            parsed = json.loads(text) if text else None
        except ValueError:
            parsed = text
        return status, answer_headers, parsed

    def token(self):
        status, _, answer = self.call("POST", "/accesstoken/get", {
            "client_id": os.environ["VIPPS_SIM_CLIENT_ID"],
            "client_secret": os.environ["VIPPS_SIM_CLIENT_SECRET"],
            "Ocp-Apim-Subscription-Key": os.environ["VIPPS_SIM_SUBSCRIPTION_KEY"],
        }, b"")
        if status != 200:
            sys.exit(f"token: {status} {answer}")
        return answer["access_token"]

    def api_headers(self, token):
        return {
            "Authorization": "Bearer " + token,
            "Ocp-Apim-Subscription-Key": os.environ["VIPPS_SIM_SUBSCRIPTION_KEY"],
            "Merchant-Serial-Number": self.msn,
            "Content-Type": "application/json",
        }
