"""Redis key names. Every key of one org carries the hash tag ``{o<org_id>}`` so that all
of them live in one Redis Cluster slot and multi-key scripts stay legal there."""

from __future__ import annotations

#: Prefix of every key and pub/sub topic. Pub/sub ignores Redis database numbers, so two
#: deployments sharing one Redis must differ here: by default the prefix carries the db number.
PREFIX = "rr"


def configure(redis_url: str, prefix: str = "") -> None:
    global PREFIX
    if prefix:
        PREFIX = prefix
        return
    from urllib.parse import urlparse

    u = urlparse(redis_url)
    db = (u.path or "/").strip("/") if u.scheme in ("redis", "rediss") else ""
    PREFIX = "rr" if db in ("", "0") else f"rr{db}"


def tag(org_id: int) -> str:
    return f"{PREFIX}:{{o{org_id}}}"


def board(org_id: int, metric: str, window: str, period_id: str) -> str:
    return f"{tag(org_id)}:lb:{metric}:{window}:{period_id}"


def board_pattern(org_id: int) -> str:
    return f"{tag(org_id)}:lb:*"


def applied(org_id: int, entry_id: int) -> str:
    """Idempotency marker of one ledger entry (short-lived)."""
    return f"{tag(org_id)}:ap:{entry_id}"


def meta(org_id: int) -> str:
    """Hash {epoch, built_at}; its absence means the org's view was lost and must be rebuilt."""
    return f"{tag(org_id)}:meta"


def profiles(org_id: int) -> str:
    """Hash user_id -> display data for board entries; never expires."""
    return f"{tag(org_id)}:profiles"


def rebuild_lock(org_id: int) -> str:
    return f"{tag(org_id)}:rebuilding"
