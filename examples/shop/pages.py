"""HTML helpers for the demo shop: one page layout, escaping and NOK formatting (stdlib only)."""

from __future__ import annotations

import html

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:960px;margin:2em auto;padding:0 1em;
 color:#222;background:#fafafa;line-height:1.45}
header{display:flex;justify-content:space-between;align-items:baseline;border-bottom:2px solid #ff5b24;
 margin-bottom:1.5em}
header a{color:#555;margin-left:1em;text-decoration:none}header a:hover{text-decoration:underline}
h1{font-size:1.6em;margin:.3em 0}h2{font-size:1.2em;margin-top:1.5em}
.products{display:flex;gap:1.5em;flex-wrap:wrap}
.product{background:#fff;border:1px solid #ddd;border-radius:10px;padding:1.2em;width:260px}
.tile{width:64px;height:64px;border-radius:12px;color:#fff;font-size:2em;font-weight:700;display:flex;align-items:center;justify-content:center}.price{font-size:1.4em;font-weight:600}
button{font:inherit;border:0;border-radius:6px;padding:.45em .9em;cursor:pointer;margin:.2em 0}
.vipps{background:#ff5b24;color:#fff}.express{background:#fff;color:#ff5b24;border:2px solid #ff5b24}
.ok{background:#2e7d32;color:#fff}.warn{background:#eee;color:#333}.danger{background:#c62828;color:#fff}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #e3e3e3;padding:.45em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3;font-weight:600}td.num,th.num{text-align:right;white-space:nowrap}
input[type=text]{width:6em;font:inherit;padding:.3em}
.muted{color:#777;font-size:.9em}.box{background:#fff;border:1px solid #ddd;border-radius:10px;padding:1em 1.2em}
.flash{padding:.7em 1em;border-radius:8px;margin:1em 0}
.flash.good{background:#e8f5e9;border:1px solid #a5d6a7}.flash.bad{background:#ffebee;border:1px solid #ef9a9a}
.state{display:inline-block;padding:.1em .5em;border-radius:4px;background:#eee;font-size:.9em}
.state.reserved{background:#fff3e0}.state.captured,.state.paid-out{background:#e8f5e9}
.state.cancelled,.state.failed,.state.expired,.state.voided{background:#ffebee}
form.inline{display:inline}
"""


def e(value: object) -> str:
    """HTML-escapes anything (None becomes an empty string)."""
    return html.escape("" if value is None else str(value), quote=True)


def nok(ore: int) -> str:
    """49900 -> '499.00 NOK'."""
    sign = "-" if ore < 0 else ""
    ore = abs(int(ore))
    return f"{sign}{ore // 100:,}.{ore % 100:02d} NOK".replace(",", " ")


def money(minor: int, currency: str = "NOK") -> str:
    """49900, 'DKK' -> '499.00 DKK' (both currencies the shop sells in have two decimals)."""
    return nok(minor)[:-3] + currency


def parse_nok(text: str) -> int:
    """'499', '499.5', '499,50', '1 499.00' -> øre. ValueError otherwise, an empty field included:
    a forgotten amount must never mean everything (the shop spells that 'all')."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    if cleaned.upper().endswith(("NOK", "DKK")):
        cleaned = cleaned[:-3]
    if not cleaned:
        raise ValueError("enter an amount in NOK, or 'all'")
    if cleaned.count(".") > 1 or not cleaned.replace(".", "").isdigit():
        raise ValueError(f"not an amount in NOK: {text!r}")
    kroner, _, ore = cleaned.partition(".")
    if len(ore) > 2:
        raise ValueError(f"at most two decimals: {text!r}")
    return int(kroner or "0") * 100 + int((ore + "00")[:2])


def state_class(state_name: str) -> str:
    return state_name.replace(" ", "-")


def page(title: str, body: str, *, refresh: int | None = None) -> str:
    meta = f'<meta http-equiv="refresh" content="{int(refresh)}">' if refresh else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
{meta}<title>{e(title)} · Sokkeshoppen</title><style>{CSS}</style></head>
<body><header><h1><span style="color:#ff5b24">&#9679;</span> Sokkeshoppen</h1><nav><a href="/">Shop</a><a href="/admin">Orders (admin)</a>
<a href="/admin/settlement">Settlement</a></nav></header>
{body}
</body></html>
"""
