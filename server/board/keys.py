"""Redis key names. Every key of one org carries the hash tag ``{o<org_id>}`` so that all
of them live in one Redis Cluster slot and multi-key scripts stay legal there."""

from __future__ import annotations

from server.core import redis as redis_client


def prefix() -> str:
    """The prefix of every key and topic of this process (`core.redis.configure_prefix`)."""
    return redis_client.PREFIX


def tag(org_id: int) -> str:
    return f"{redis_client.PREFIX}:{{o{org_id}}}"


def board(org_id: int, metric: str, window: str, period_id: str) -> str:
    return f"{tag(org_id)}:lb:{metric}:{window}:{period_id}"


def board_pattern(org_id: int) -> str:
    return f"{tag(org_id)}:lb:*"


#: Entry ids per idempotency marker set: at most 512 integers keep a Redis set a compact intset
#: (`set-max-intset-entries`, 512 by default).
APPLIED_SPAN = 512


def applied(org_id: int, entry_id: int) -> str:
    """Idempotency marker set of the ledger entries `entry_id // APPLIED_SPAN * APPLIED_SPAN`
    and up (a Redis set of entry ids; expires a day after its last write)."""
    return f"{tag(org_id)}:ap:b{entry_id // APPLIED_SPAN}"


def applied_legacy(org_id: int, entry_id: int) -> str:
    """An earlier version's marker of one entry (a string key with a day's TTL): still honoured
    by apply.lua so that an entry applied before an upgrade and re-sent after it counts once.
    Remove a day after every deployment runs marker sets (LEGACY_MARKERS in board/store.py)."""
    return f"{tag(org_id)}:ap:{entry_id}"


def meta(org_id: int) -> str:
    """Hash {epoch, built_at (Unix seconds)}; its absence means the org's view was lost and must be rebuilt."""
    return f"{tag(org_id)}:meta"


def profiles(org_id: int) -> str:
    """Hash user_id -> display data for board entries; never expires."""
    return f"{tag(org_id)}:profiles"


def members_moved(org_id: int) -> str:
    """Not a key: what the org's `changes` topic carries when users changed segment (team, region,
    job role, shift), so game servers refresh the org's segment boards."""
    return f"{tag(org_id)}:members"


def rebuild_lock(org_id: int) -> str:
    return f"{tag(org_id)}:rebuilding"


def contest(org_id: int, contest_id: int) -> str:
    """Base of a contest's live standings keys (also what game servers are told moved)."""
    return f"{tag(org_id)}:ct:{contest_id}"


def contest_slot(org_id: int, contest_id: int, slot: str) -> str:
    """Sorted set user_id -> metric total: slot `t` is the whole window, `r<k>` a bracket round."""
    return f"{contest(org_id, contest_id)}:s:{slot}"


def contest_meta(org_id: int, contest_id: int) -> str:
    """Hash {rules_version, built_at}; its absence means the standings must be rebuilt from SQL."""
    return f"{contest(org_id, contest_id)}:meta"


def contest_applied(org_id: int, contest_id: int, marker: str) -> str:
    """Idempotency marker of one ledger row in a contest (`e<entry id>`, `r<activity id>`)."""
    return f"{contest(org_id, contest_id)}:ap:{marker}"


def contest_pattern(org_id: int, contest_id: int) -> str:
    return f"{contest(org_id, contest_id)}:s:*"


def contest_lock(org_id: int, contest_id: int) -> str:
    return f"{contest(org_id, contest_id)}:rebuilding"
