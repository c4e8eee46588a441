"""Writing endpoints: allowed only when the app was started with writes on, and then only for
requests that carry the token as `Authorization: Bearer TOKEN` (or, from a page's form, in the
`token` field). Coding text needs the token as well on a server started with
`code_needs_token` (one listening beyond loopback)."""

from __future__ import annotations

import secrets

from fastapi import HTTPException

WRITES_DISABLED = "writing is disabled on this server; start it with: dyad serve --allow-writes"


def bearer_token(authorization: str | None) -> str:
    """The token of an `Authorization: Bearer TOKEN` header ("" when there is none)."""
    if not authorization:
        return ""
    scheme, _, token = authorization.strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def matches(expected: str | None, given: str) -> bool:
    """True if `given` is the expected secret (compared in constant time)."""
    return bool(expected) and bool(given) and secrets.compare_digest(
        given.encode("utf-8", "replace"), (expected or "").encode("utf-8"))


def check_write(allow_writes: bool, expected: str | None, given: str) -> None:
    """Raise 403 if writes are off, 401 unless `given` is the token (compared in constant time)."""
    if not allow_writes or not expected:
        raise HTTPException(status_code=403, detail=WRITES_DISABLED)
    if not matches(expected, given):
        raise HTTPException(status_code=401, detail="a valid token is needed to write "
                            "(send it as: Authorization: Bearer TOKEN)",
                            headers={"WWW-Authenticate": "Bearer"})


def check_code(needs_token: bool, expected: str | None, given: str) -> None:
    """Raise 401 if coding text needs the token and `given` is not it."""
    if needs_token and not matches(expected, given):
        raise HTTPException(status_code=401, detail="this server codes text only for "
                            "requests with the token (send it as: Authorization: Bearer TOKEN)",
                            headers={"WWW-Authenticate": "Bearer"})
