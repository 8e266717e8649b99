"""Tables of push notifications (issue 4): devices, the outbox, in-app notifications, preferences."""

from __future__ import annotations

from server.storage.models import Base, Id, UTCDateTime, utcnow  # noqa: F401
