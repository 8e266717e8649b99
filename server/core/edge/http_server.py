"""How the API's own HTTP server (uvicorn) runs: `reprally api` and `reprally up` (docs/security.md).

- no `server: uvicorn` banner;
- idle keep-alive connections close after `API_KEEP_ALIVE_S`;
- beyond `API_MAX_CONCURRENCY` connections plus requests in flight a process answers 503 at once
  rather than queueing without bound;
- a request line plus headers over `API_MAX_HEADER_BYTES` is refused (400) and its connection
  closed: uvicorn's h11 parser has that limit, its faster httptools parser (the one it picks)
  has none, so `BoundedHttpTools` counts the bytes as the parser hands them over;
- X-Forwarded-For and X-Forwarded-Proto are believed from `TRUSTED_PROXIES` only (uvicorn
  otherwise trusts 127.0.0.1 by default), the rule `core/edge/addresses.py` applies too.

Slow clients (headers or bodies trickling in) are the reverse proxy's to cut (`deploy/nginx.conf`):
uvicorn has no timeout for a request that has started.
"""

from __future__ import annotations

from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from server.core.settings import Settings

DEFAULT_MAX_HEADER_BYTES = 16384


class HeadersTooLarge(Exception):
    """Raised inside the parser's callback: httptools turns it into a parse error, which uvicorn
    answers with 400 and a closed connection."""


class BoundedHttpTools(HttpToolsProtocol):
    """uvicorn's httptools protocol with the limit uvicorn gives its h11 parser
    (`h11_max_incomplete_event_size`) on the bytes of the request line and headers."""

    def on_message_begin(self) -> None:
        self._header_bytes = 0
        super().on_message_begin()

    def _count(self, n: int) -> None:
        self._header_bytes += n
        limit = self.config.h11_max_incomplete_event_size or DEFAULT_MAX_HEADER_BYTES
        if self._header_bytes > limit:
            raise HeadersTooLarge(f"request line and headers over {limit} bytes")

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4)  # ": " and CRLF
        super().on_header(name, value)


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for `uvicorn.run` / `uvicorn.Config`, besides the app, host and port."""
    trusted = settings.trusted_proxies.strip()
    return dict(
        server_header=False,
        timeout_keep_alive=settings.api_keep_alive_s,
        limit_concurrency=settings.api_max_concurrency,
        http=BoundedHttpTools,
        h11_max_incomplete_event_size=settings.api_max_header_bytes,  # both parsers' limit
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted or None,
        timeout_graceful_shutdown=10,
        access_log=False,
    )
