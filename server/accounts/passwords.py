"""What a new password must be: at least `MIN_LENGTH` characters, not the account's email, and
scored at least `MIN_SCORE` of 4 by zxcvbn (Dropbox's strength estimator: dictionaries, common
passwords, keyboard patterns, repeats, sequences, dates, and the user's own email and name).

Score 3 is zxcvbn's "safely unguessable: moderate protection from an offline slow-hash
scenario" (under 10^10 guesses is 2 or less). Logins are not checked: a password set before the
policy still signs in.
"""

from __future__ import annotations

import asyncio

from zxcvbn import zxcvbn

from server.core.errors import DomainError
from server.core.runtime import Runtime

MIN_LENGTH = 10
MIN_SCORE = 3
#: zxcvbn's cost grows with the length; what follows the first 72 characters only adds strength.
ANALYSED = 72


def weakness(password: str, email: str, *others: str) -> str | None:
    """Why the password is too weak (a hint to show), or None when it is good enough."""
    if len(password) < MIN_LENGTH:
        return f"use at least {MIN_LENGTH} characters"
    lowered, email = password.strip().lower(), email.strip().lower()
    if lowered in (email, email.partition("@")[0]):
        return "do not use your email address as your password"
    inputs = [email, *email.replace("@", " ").replace(".", " ").split(), *(o for o in others if o)]
    result = zxcvbn(password[:ANALYSED], user_inputs=inputs)
    if result["score"] >= MIN_SCORE:
        return None
    feedback = result["feedback"]
    parts = [feedback.get("warning") or "This password is easy to guess.", *feedback.get("suggestions", [])]
    return " ".join(p for p in parts if p)


async def checked_hash(rt: Runtime, password: str, email: str, *others: str) -> str:
    """The argon2 hash of a new password, or 400 `weak_password` with a hint (both off the event loop)."""
    hint = await asyncio.to_thread(weakness, password, email, *others)
    if hint is not None:
        raise DomainError("weak_password", f"this password is too weak: {hint}",
                          details={"hint": hint, "min_length": MIN_LENGTH})
    return await rt.passwords.hash(password)
