"""Tables of contests and SPIFFs (issue 6)."""

from __future__ import annotations

from server.storage.models import Base, Id, UTCDateTime, utcnow  # noqa: F401
