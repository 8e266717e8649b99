"""Wire types (msgspec Structs). Field constraints here give 400s before any rule runs."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct

#: A pattern's end: `$` would also match before a final line break (`re.search` semantics), and `\Z`
#: is not JSON Schema (ECMA) syntax.
END = r"(?![\s\S])"

Email = Annotated[str, Meta(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+" + END)]


#: A new password; its strength (at least 10 characters, zxcvbn score 3) is judged by
#: `accounts/passwords.py`, which answers 400 `weak_password` with a hint.
Password = Annotated[str, Meta(min_length=1, max_length=200,
                               description="at least 10 characters, not your email, not easy to guess")]


# -- display text -----------------------------------------------------------------------------
# Text that other people see (names, labels, messages) may not hold control characters or the
# bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they reorder or
# hide what a name or message shows ("Trojan Source"). Everything else of Unicode is welcome,
# emoji with joiners included. A refusal is a 400 `invalid_text` (`core/contract/requests.py`).

#: One line (names, labels): no control character at all, no line or paragraph separator.
LINE_PATTERN = r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]*" + END
#: Prose (descriptions, messages, notes): line breaks and tabs allowed, other controls not.
PROSE_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*" + END
DISPLAY_PATTERNS = (LINE_PATTERN, PROSE_PATTERN)

#: Display text on one line; constrain its length where it is used: `Annotated[Line, Meta(max_length=60)]`.
Line = Annotated[str, Meta(pattern=LINE_PATTERN)]
#: Display text that may span lines.
Prose = Annotated[str, Meta(pattern=PROSE_PATTERN)]


Name = Annotated[Line, Meta(min_length=1, max_length=120)]


OptName = Name | None


Key = Annotated[str, Meta(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*" + END)]


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
