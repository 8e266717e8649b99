"""What a request may send: JSON bodies decoded strictly, once, into the handler's wire type;
nesting bounded; query flags that are `true` or `false` and nothing else.

Litestar decodes a body to Python objects and converts them to the handler's type in msgspec's
lax mode, where `"false"`, `0` and `"1"` pass for booleans and `"12"` for a number. `ApiRequest`
(the app's request class) decodes the body itself, straight into the wire type with msgspec's
strict mode; Litestar's conversion then passes the finished Struct through unchanged. Errors:

* nested deeper than `MAX_JSON_DEPTH` → 400 `invalid_json` (checked before anything recurses);
* not JSON → 400 `invalid_request`; a wrong type, a missing or unknown field → 400 `invalid_request`
  with `details.errors = [{message, key, source: "body"}]`;
* display text holding control or bidirectional-override characters → 400 `invalid_text`.
"""

from __future__ import annotations

import operator
import re
import types
from itertools import accumulate, count
from typing import Any, Union, get_args, get_origin

import msgspec
from litestar import Request
from litestar.handlers import HTTPRouteHandler
from litestar.params import ParameterKwarg
from litestar.types import Empty

from server.core.errors import DomainError
from server.core.wire import DISPLAY_PATTERNS

#: How deep objects and arrays may nest in a body (the API's own types need 5).
MAX_JSON_DEPTH = 64

#: A JSON string, or an unterminated one running to the end: it always matches where it starts, so
#: stripping strings stays linear whatever the body holds.
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*(?:"|\\?\Z)', re.S)
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
_STEP = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")  # a level down: 2 - 1, up: 0 - 1
_DISPLAY_TEXT = tuple(f"matching regex {p!r}" for p in DISPLAY_PATTERNS)


def nested_deeper_than(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether a body opens objects and arrays more than `limit` deep, found without parsing it
    (nothing recurses): the running depth over its brackets outside strings, in C-level loops
    (about 0.1 s for 2 MB of brackets, the most a body may hold). A body with fewer opening
    brackets than the limit, anywhere, is not scanned (0.2 us for an activity)."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False
    brackets = _STRING.sub(b"", body).translate(None, _NOT_BRACKET)
    if len(brackets) <= limit:
        return False
    deepest: int = max(map(operator.sub, accumulate(brackets.translate(_STEP)), count(1)))
    return deepest > limit


def too_deep() -> DomainError:
    return DomainError("invalid_json", f"the JSON body nests deeper than {MAX_JSON_DEPTH} levels",
                       details={"max_depth": MAX_JSON_DEPTH})


def invalid(exc: msgspec.ValidationError, source: str = "body") -> DomainError:
    """The 400 for a value of the wrong shape: `invalid_text` for display text, else `invalid_request`."""
    text = str(exc)
    message, _, where = text.partition(" - at `")
    key = where.rstrip("`").removeprefix("$").removeprefix(".")
    if any(p in message for p in _DISPLAY_TEXT):
        return DomainError("invalid_text", "text holds a control character or a bidirectional override"
                           + (f" (at {key})" if key else ""), details={"key": key} if key else None)
    error: dict[str, str] = {"message": message, "source": source}
    if key:
        error["key"] = key
    return DomainError("invalid_request", message + (f" (at {key})" if key else ""), details={"errors": [error]})


_decoders: dict[Any, msgspec.json.Decoder[Any]] = {}


def decoder_for(annotation: Any) -> msgspec.json.Decoder[Any]:
    found = _decoders.get(annotation)
    if found is None:
        found = _decoders[annotation] = msgspec.json.Decoder(annotation, strict=True)
    return found


def decode_body(body: bytes, annotation: Any = Any) -> Any:
    """A JSON body decoded strictly into `annotation` (a wire type), or the 400 that says why not."""
    if nested_deeper_than(body):
        raise too_deep()
    try:
        return decoder_for(annotation).decode(body)
    except msgspec.ValidationError as exc:
        raise invalid(exc) from None
    except msgspec.DecodeError as exc:
        raise DomainError("invalid_request", f"the body is not valid JSON: {exc}") from None


class ApiRequest(Request[Any, Any, Any]):
    """The app's request class: `json()` is the body as the handler's `data` type, decoded strictly."""

    async def json(self) -> Any:
        if self._json is Empty:
            if (cached := self._connection_state.json) is not Empty:
                self._json = cached
            else:
                self._json = self._connection_state.json = decode_body(await self.body() or b"null",
                                                                       data_type(self.route_handler))
        return self._json


def data_type(handler: Any) -> Any:
    if not isinstance(handler, HTTPRouteHandler):
        return Any
    data = handler.parsed_fn_signature.parameters.get("data")
    return Any if data is None else data.annotation


# -- query flags ------------------------------------------------------------------------------
_flags: dict[Any, tuple[str, ...]] = {}


def _is_flag(annotation: Any) -> bool:
    if get_origin(annotation) in (Union, types.UnionType):
        return {a for a in get_args(annotation) if a is not type(None)} == {bool}
    return annotation is bool


def query_flags(handler: HTTPRouteHandler) -> tuple[str, ...]:
    """The names of the handler's boolean query parameters."""
    found = _flags.get(handler.fn)
    if found is None:
        names = []
        in_path = {p for path in handler.paths for p in re.findall(r"{(\w+)", path)}
        for name, field in handler.parsed_fn_signature.parameters.items():
            kwarg = field.kwarg_definition
            if name in in_path or not _is_flag(field.annotation):
                continue
            if isinstance(kwarg, ParameterKwarg):
                if kwarg.header or kwarg.cookie:
                    continue
                name = kwarg.query or name
            names.append(name)
        found = _flags[handler.fn] = tuple(names)
    return found


async def strict_query(request: Request[Any, Any, Any]) -> None:
    """`before_request`: a boolean query parameter is `true` or `false` (msgspec's lax mode, which
    Litestar uses for parameters, would also take `0`, `1` and `True`)."""
    handler = request.route_handler
    if not isinstance(handler, HTTPRouteHandler):
        return
    for name in query_flags(handler):
        for value in request.query_params.getall(name, ()):
            if value not in ("true", "false"):
                raise DomainError("invalid_request", f"'{name}' is true or false", details={"errors": [
                    {"message": "Expected `true` or `false`", "key": name, "source": "query"}]})
