"""Wire types of the realtime protocol (JSON text frames). See docs/realtime-protocol.md."""

from __future__ import annotations

from typing import Any

import msgspec
from msgspec import Struct

MAX_MESSAGE_BYTES = 16 * 1024


class Since(Struct, forbid_unknown_fields=True):
    epoch: str
    offset: int


class Auth(Struct, tag="auth", tag_field="op", forbid_unknown_fields=True):
    token: str


class Subscribe(Struct, tag="subscribe", tag_field="op", forbid_unknown_fields=True):
    channel: str
    since: Since | None = None


class Unsubscribe(Struct, tag="unsubscribe", tag_field="op", forbid_unknown_fields=True):
    channel: str


class Ping(Struct, tag="ping", tag_field="op", forbid_unknown_fields=True):
    id: str | int | None = None


ClientFrame = Auth | Subscribe | Unsubscribe | Ping
decode_client = msgspec.json.Decoder(ClientFrame).decode
encode = msgspec.json.Encoder().encode


class Stamp(Struct):
    """Just the position of a published frame, read without decoding the rest."""

    epoch: str
    offset: int


decode_stamp = msgspec.json.Decoder(Stamp).decode


def error(code: str, message: str, channel: str | None = None) -> bytes:
    frame: dict[str, Any] = {"type": "error", "code": code, "message": message}
    if channel is not None:
        frame["channel"] = channel
    return encode(frame)
