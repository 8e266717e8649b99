"""Wire types of privacy-respecting boards."""

from __future__ import annotations

from typing import Annotated, Literal

from msgspec import Meta, Struct

from server.privacy import rules

ModeName = Literal["full", "top_n", "near_peers", "tiers", "value_only"]


class ModeIn(Struct, forbid_unknown_fields=True):
    mode: ModeName
    #: top_n: how many at the top (default 10); near_peers: how many on each side (default 2)
    n: Annotated[int, Meta(ge=1, le=rules.MAX_N)] | None = None


class ModeOut(Struct):
    mode: str
    n: int


class ScopedModeOut(Struct):
    key: str
    mode: str
    n: int


class PrivacyOut(Struct):
    org: ModeOut
    teams: list[ScopedModeOut]
    boards: list[ScopedModeOut]
    displays: list[ScopedModeOut]
    #: how many reps hide from TV screens (who they are is theirs)
    hidden_from_tv: int


class TvVisibilityIn(Struct, forbid_unknown_fields=True):
    hide_from_tv: bool


class TvVisibilityOut(Struct):
    hide_from_tv: bool


def _scoped(table: dict[int, rules.Mode] | dict[str, rules.Mode]) -> list[ScopedModeOut]:
    return [ScopedModeOut(str(k), m.mode, m.n) for k, m in sorted(table.items(), key=lambda kv: str(kv[0]))]


def privacy_out(cfg: rules.OrgPrivacy) -> PrivacyOut:
    return PrivacyOut(ModeOut(cfg.org.mode, cfg.org.n), _scoped(dict(cfg.teams)), _scoped(dict(cfg.metrics)),
                      _scoped(dict(cfg.displays)), len(cfg.hidden_from_tv))
