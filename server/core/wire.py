"""Wire types (msgspec Structs). Field constraints here give 400s before any rule runs."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct

Email = Annotated[str, Meta(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]


#: A new password; its strength (at least 10 characters, zxcvbn score 3) is judged by
#: `accounts/passwords.py`, which answers 400 `weak_password` with a hint.
Password = Annotated[str, Meta(min_length=1, max_length=200,
                               description="at least 10 characters, not your email, not easy to guess")]


Name = Annotated[str, Meta(min_length=1, max_length=120)]


OptName = Annotated[str, Meta(min_length=1, max_length=120)] | None


Key = Annotated[str, Meta(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")]


Role = Literal["rep", "manager", "admin"]


Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


NonNegInt = Annotated[int, Meta(ge=0, le=1_000_000)]


#: A row id: positive and within a signed 64-bit integer, like the database's.
Id = Annotated[int, Meta(ge=1, le=2**63 - 1)]


class ErrorBody(Struct):
    code: str
    message: str
    details: dict[str, Any] | None = None


class ErrorResponse(Struct):
    error: ErrorBody


def changes(struct: Struct) -> dict[str, Any]:
    """The fields a PATCH body actually set."""

    return {k: v for k, v in msgspec.structs.asdict(struct).items() if v is not msgspec.UNSET}
