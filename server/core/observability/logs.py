"""Structured logs with the standard library: `LOG_FORMAT=json` (one JSON object a line, for
log shippers; the compose stack's choice) or `console` (readable, the default for `reprally up`).

A log call passes its fields as `extra={"fields": {...}}`; every line of a request also carries
its `request_id` (a context variable set by the request middleware). Never put an email, a token
or a secret in a field: the access line holds ids only.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

import msgspec

#: The request being handled by this task (set by `server.core.observability.http`).
REQUEST_ID: ContextVar[str | None] = ContextVar("reprally_request_id", default=None)

FORMATS = ("console", "json")
#: Loggers that say too much at INFO for a service's log (alembic lists its plugins at every start).
_QUIET = {
    "alembic": logging.WARNING,
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "asyncio": logging.WARNING,
}


_encode = msgspec.json.Encoder(enc_hook=str).encode


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    fields = getattr(record, "fields", None)
    return dict(fields) if isinstance(fields, dict) else {}


class JsonFormatter(logging.Formatter):
    """`{"ts", "level", "logger", "msg", "request_id"?, ...fields, "exc"?}` on one line."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        rid = REQUEST_ID.get()
        if rid is not None:
            out["request_id"] = rid
        out.update(_fields(record))
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return _encode(out).decode()


class ConsoleFormatter(logging.Formatter):
    """`time LEVEL logger: message key=value ...` for people at a terminal."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        fields = _fields(record)
        if fields:
            extra = " ".join(f"{k}={v}" for k, v in fields.items() if v is not None)
            line = f"{line} {extra}" if "\n" not in line else line.replace("\n", f" {extra}\n", 1)
        return line


def formatter(fmt: str) -> logging.Formatter:
    if fmt not in FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(FORMATS)}, got {fmt!r}")
    return JsonFormatter() if fmt == "json" else ConsoleFormatter()


def configure(fmt: str = "console", level: str = "info", *, force: bool = True) -> None:
    """The process's logging: one stderr handler on the root logger in `fmt`; uvicorn's and
    every library's loggers propagate to it. Without `force`, a root logger that already has
    handlers (a test runner's) is left alone."""
    root = logging.getLogger()
    if root.handlers and not force:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter(fmt))
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name, lvl in _QUIET.items():
        logging.getLogger(name).setLevel(lvl)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):  # through the root handler, in our format
        lg = logging.getLogger(name)
        lg.handlers.clear()
        lg.propagate = True


def configure_from_env(environ: Mapping[str, str], *, force: bool = True) -> None:
    """`configure` with LOG_FORMAT and LOG_LEVEL of the environment."""
    configure(
        environ.get("LOG_FORMAT", "console").strip().lower() or "console",
        environ.get("LOG_LEVEL", "info").strip() or "info",
        force=force,
    )
