"""Tables of the daily habit loop (issue 5): streaks, missions, badges."""

from __future__ import annotations

from server.storage.models import Base, Id, UTCDateTime, utcnow  # noqa: F401
