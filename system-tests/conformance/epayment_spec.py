"""Vipps' ePayment OpenAPI file, loaded for validating vipps-sim's answers (and what the Postman
replay sends), with the fixes docs/epayment.md's behaviour needs for the file's own defects.

The file is ../shared/vipps-epayment-api/docs/epayment.v1.yml relative to the repository root (or
$VIPPS_EPAYMENT_SPEC_DIR/docs/epayment.v1.yml); the receipt schema it references remotely comes
from ../shared/vipps-order-management-api/docs/swagger.yaml. `load()` returns None when they are
absent, and the callers then skip."""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"

# Each fix of the spec, with why. A check that relies on one says so in its output.
FIXES = {
    "event-required-name": "PaymentEvent.required lists 'paymentAction', a property that does not exist "
                           "(removed in v1.2.1); 'name', the real field, is required instead",
    "reference-64": "Reference allows 8-50 characters in the file; Vipps raised it to 64 in v1.7.0",
    "adjust-response-media-type": "the 200 of capture/refund/cancel is declared application/problem+json; "
                                  "it is a success, answered as application/json",
    "receipt-vendored": "CreatePaymentRequest.receipt is a remote $ref; the local order-management file's "
                        "Receipt is used, with OrderLine.taxPercentage optional (taxRate may replace it)",
    "customer-exactly-one": "Customer is a oneOf of three schemas without 'required', which every object "
                            "matches three times; replaced by 'exactly one of phoneNumber, personalQr, "
                            "customerToken'",
    "force-approve-empty-object": "force approve's 200 has no body in the file; vipps-sim answers {}",
    "undocumented-error-status": "the file lists no error answers for GET payment, GET events and force "
                                 "approve, and no 404 for create; those errors are validated as Problem",
}


def spec_paths() -> tuple[Path, Path] | None:
    base = os.environ.get("VIPPS_EPAYMENT_SPEC_DIR")
    epayment = Path(base) if base else SHARED / "vipps-epayment-api"
    spec = epayment / "docs" / "epayment.v1.yml"
    receipt = SHARED / "vipps-order-management-api" / "docs" / "swagger.yaml"
    if not spec.is_file() or not receipt.is_file():
        return None
    return spec, receipt


def _yaml(path: Path):
    import yaml

    with open(path, encoding="utf-8") as file:
        return yaml.safe_load(file)


def _deref(node, root, remote):
    if isinstance(node, dict):
        if "$ref" in node:
            ref = node["$ref"]
            if ref.startswith("#/"):
                target = root
                for part in ref[2:].split("/"):
                    target = target[part]
                return _deref(copy.deepcopy(target), root, remote)
            if "vipps-order-management-api" in ref and ref.endswith("/Receipt"):
                return copy.deepcopy(remote)
            raise ValueError(f"unresolved $ref {ref}")
        return {k: _deref(v, root, remote) for k, v in node.items()}
    if isinstance(node, list):
        return [_deref(v, root, remote) for v in node]
    return node


class Spec:
    def __init__(self, spec: dict, receipt_root: dict):
        schemas = spec["components"]["schemas"]
        event = schemas["PaymentEvent"]
        event["required"] = ["name" if r == "paymentAction" else r for r in event["required"]]
        if "name" not in event["required"]:
            event["required"].append("name")
        reference = schemas["Reference"]
        reference["maxLength"] = 64
        reference["pattern"] = "^[a-zA-Z0-9-]{8,64}$"
        for name in ("Customer",):
            schemas[name] = {"type": "object", "minProperties": 1, "maxProperties": 1,
                             "properties": {"phoneNumber": {"type": "string"}, "personalQr": {"type": "string"},
                                            "customerToken": {"type": "string"}},
                             "additionalProperties": False}
        receipt_schemas = receipt_root["components"]["schemas"]
        line = receipt_schemas["OrderLine"]
        line["required"] = [r for r in line["required"] if r != "taxPercentage"]
        line["properties"]["taxRate"] = {"type": "integer", "minimum": 0, "maximum": 10000}
        receipt = _deref(copy.deepcopy(receipt_schemas["Receipt"]), receipt_root, None)
        self.root = spec
        self.paths = {}
        for template, operations in spec["paths"].items():
            pattern = re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$")
            for method, operation in operations.items():
                if method == "parameters":
                    continue
                self.paths[(method.upper(), template)] = (pattern, _deref(operation, spec, receipt))
        self.problem = _deref(schemas["Problem"], spec, receipt)
        # Applied to every answer checked.
        self.always = ["event-required-name", "reference-64"]

    def operation(self, method: str, path: str):
        for (m, template), (pattern, operation) in self.paths.items():
            if m == method and pattern.match(path):
                return template, operation
        return None, None

    def response_schema(self, method: str, path: str, status: int):
        """(schema or None, fixes used); None: the file says no body."""
        fixes = []
        _, operation = self.operation(method, path)
        if operation is None:
            raise KeyError(f"{method} {path} is not in the spec")
        response = operation["responses"].get(str(status))
        if response is None:
            if status >= 400:
                return self.problem, ["undocumented-error-status"]
            raise KeyError(f"{method} {path}: status {status} is not in the spec")
        content = response.get("content") or {}
        if not content:
            return None, fixes
        if status < 300 and "application/problem+json" in content and "application/json" not in content:
            fixes.append("adjust-response-media-type")
        media = content.get("application/json") or content.get("application/problem+json")
        return media["schema"], fixes


    def request_schema(self, method: str, path: str):
        """The body schema of an operation; None when it takes none."""
        _, operation = self.operation(method, path)
        body = (operation or {}).get("requestBody")
        if not body:
            return None
        return body["content"]["application/json"]["schema"]


def load() -> Spec | None:
    paths = spec_paths()
    if paths is None:
        return None
    return Spec(_yaml(paths[0]), _yaml(paths[1]))


def validate(schema, value) -> list[str]:
    """OpenAPI 3.0 semantics (nullable etc.); formats are not asserted. The errors as text."""
    from openapi_schema_validator import OAS30Validator

    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
            for e in OAS30Validator(schema).iter_errors(value)]
