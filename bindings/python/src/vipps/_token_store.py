"""Sharing the access token between processes and hosts (docs/token-sharing.md).

A store is any object with the four methods of :class:`TokenStore`. Give it to
``vipps.Client(token_store=...)``; ``token_file_store="/dir"`` uses the library's built-in file
store instead (the processes of one host). :class:`RedisTokenStore` shares it across hosts.
"""

from __future__ import annotations

import ctypes
from typing import Any, Protocol

from . import _ffi
from ._constants import TokenStoreResult

__all__ = ["TokenStore", "RedisTokenStore"]


class TokenStore(Protocol):
    """What the library asks of a shared token store. Each method may block; an exception it
    raises counts as a failed store (the client then fetches its own token), never as a failed call."""

    def load(self, key: str) -> tuple[str, int] | None:
        """The token under `key` and how many more milliseconds it may be used, or None."""

    def store(self, key: str, token: str, valid_for_ms: int) -> bool:
        """Keeps `token` under `key` for `valid_for_ms` and ends a claim on `key`."""

    def claim(self, key: str, claim_for_ms: int) -> bool:
        """True when this process may fetch (no unexpired claim was held); False when another is."""

    def remove(self, key: str, token: str) -> None:
        """Deletes the token under `key` if it is `token`."""


class RedisTokenStore:
    """A token store on Redis, for every process of every host that reaches the same server.

    `redis` is a ``redis.Redis`` client (the PyPI package ``redis``). Keys are
    ``prefix + key`` (the token) and ``prefix + key + ":claim"`` (the claim); both expire on
    their own, so a crashed fetcher or a forgotten token never stays.
    """

    # Deletes the token only if it is still the refused one, and ends a claim with it.
    _REMOVE_IF_EQUAL = (
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end"
    )

    def __init__(self, redis: Any, prefix: str = "") -> None:
        self._redis = redis
        self._prefix = prefix
        self._remove_script = redis.register_script(self._REMOVE_IF_EQUAL)

    def load(self, key: str) -> tuple[str, int] | None:
        name = self._prefix + key
        pipe = self._redis.pipeline(transaction=False)
        pipe.get(name)
        pipe.pttl(name)
        token, ttl = pipe.execute()
        if token is None or ttl is None or ttl <= 0:
            return None
        return (token.decode("ascii") if isinstance(token, bytes) else str(token)), int(ttl)

    def store(self, key: str, token: str, valid_for_ms: int) -> bool:
        name = self._prefix + key
        pipe = self._redis.pipeline(transaction=True)
        pipe.set(name, token, px=max(1, valid_for_ms))
        pipe.delete(name + ":claim")
        pipe.execute()
        return True

    def claim(self, key: str, claim_for_ms: int) -> bool:
        return bool(self._redis.set(self._prefix + key + ":claim", "1", nx=True, px=max(1, claim_for_ms)))

    def remove(self, key: str, token: str) -> None:
        self._remove_script(keys=[self._prefix + key], args=[token])


class _Callbacks:
    """The four C callbacks around a Python store; kept alive as long as the client that uses them."""

    def __init__(self, store: TokenStore) -> None:
        def load(_user: Any, key: bytes, buffer: int, size: int, valid_for: int) -> int:
            try:
                found = store.load(key.decode("ascii"))
                if found is None:
                    return int(TokenStoreResult.MISS)
                token, remaining = found
                data = token.encode("ascii")
                if not data or len(data) >= size or b"\0" in data:
                    return int(TokenStoreResult.ERROR)
                ctypes.memmove(buffer, data + b"\0", len(data) + 1)
                ctypes.c_int64.from_address(valid_for).value = int(remaining)
                return int(TokenStoreResult.OK)
            except BaseException:  # never let an exception unwind into the library
                return int(TokenStoreResult.ERROR)

        def store_(_user: Any, key: bytes, token: bytes, valid_for: int) -> int:
            try:
                kept = store.store(key.decode("ascii"), token.decode("ascii"), int(valid_for))
                return int(TokenStoreResult.OK if kept else TokenStoreResult.ERROR)
            except BaseException:
                return int(TokenStoreResult.ERROR)

        def claim(_user: Any, key: bytes, claim_for: int) -> int:
            try:
                return int(TokenStoreResult.OK if store.claim(key.decode("ascii"), int(claim_for)) else
                           TokenStoreResult.BUSY)
            except BaseException:
                return int(TokenStoreResult.ERROR)

        def remove(_user: Any, key: bytes, token: bytes) -> int:
            try:
                store.remove(key.decode("ascii"), token.decode("ascii"))
                return int(TokenStoreResult.OK)
            except BaseException:
                return int(TokenStoreResult.ERROR)

        self.load = _ffi.TOKEN_LOAD_FN(load)
        self.store = _ffi.TOKEN_STORE_FN(store_)
        self.claim = _ffi.TOKEN_CLAIM_FN(claim)
        self.remove = _ffi.TOKEN_REMOVE_FN(remove)
