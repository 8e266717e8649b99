"""Leaderboard reads and writes against Redis. All writes are Lua scripts (atomic)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from importlib import resources
from typing import cast

import msgspec
from redis.asyncio import Redis

from server.board import keys
from server.board.channels import org_changes
from server.board.ranking import competition_ranks, tie_scale, unpack_metric
from server.board.rules import BoardDelta
from server.core.clock import wall_time
from server.core.observability import tracing
from server.core.periods import Period
from server.core.runtime import Part, Runtime

#: How long an entry's "already applied" marker lives; longer than any in-flight retry.
APPLIED_TTL_S = 24 * 3600
#: Also honour the per-entry marker keys of versions before marker sets (1 EXISTS per call).
LEGACY_MARKERS = True


def _script(name: str) -> str:
    return resources.files("server.board").joinpath(f"lua/{name}").read_text()


class Profile(msgspec.Struct, array_like=True):
    display_name: str
    team_id: int | None


_profile_decoder = msgspec.json.Decoder(Profile)
_msgpack = msgspec.msgpack.Encoder().encode
_profile_encoder = msgspec.json.Encoder()


@dataclass(frozen=True, slots=True)
class Ranked:
    rank: int
    user_id: int
    score: int
    profile: Profile | None


@dataclass(frozen=True, slots=True)
class Page:
    total: int
    entries: list[Ranked]
    member_rank: int | None = None  # competition rank of the centred member, if on the board
    view_intact: bool = True  # False when the org's meta key is gone (the view needs a rebuild)


@dataclass(frozen=True, slots=True)
class PendingEntry:
    """One ledger entry on its way to the boards."""

    org_id: int
    entry_id: int
    user_id: int
    deltas: list[BoardDelta]


@dataclass(frozen=True, slots=True)
class RankMove:
    """A mover's place on a board before and after a gain (competition ranks)."""

    old: int
    new: int
    between: int  # members strictly between the old and the new score
    old_rank: int
    new_rank: int
    near: list[tuple[int, int]]  # the nearest of those: (member, metric), highest first
    profiles: dict[int, Profile]  # of the mover and of `near` (read in the same script call)


class MetaMissing(Exception):
    """The org's Redis view is gone (flush, new Redis): it must be rebuilt from the ledger."""


class BoardStore:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self._apply = redis.register_script(_script("apply.lua"))
        self._page = redis.register_script(_script("page.lua"))
        self._rank_moves = redis.register_script(_script("rank_moves.lua"))

    # -- writes -------------------------------------------------------------------------
    async def apply(self, org_id: int, entries: list[PendingEntry]) -> list[bool]:
        """Apply entries of one org; returns, per entry, whether it was new to the boards.

        The entries are summed here per (board, member) and apply.lua checks every entry's
        marker before it touches a board: if some were already applied it changes nothing and
        says which, and the rest go again, summed without them (each round drops at least one
        entry, so this ends). An entry id listed twice in one call counts once.
        """
        out = [False] * len(entries)
        pending: list[int] = []
        firsts: set[int] = set()
        for i, e in enumerate(entries):
            if e.entry_id not in firsts:
                firsts.add(e.entry_id)
                pending.append(i)
        while pending:
            with tracing.span("board.apply", entries=len(pending)):
                refused = await self._apply_once(org_id, [entries[i] for i in pending])
            if refused is None:
                for i in pending:
                    out[i] = True
                break
            pending = [i for i, r in zip(pending, refused, strict=True) if not r]
        return out

    async def _apply_once(self, org_id: int, entries: list[PendingEntry]) -> list[bool] | None:
        """One script call: None if every entry was applied, else per entry whether it had been
        applied before (then nothing was changed)."""
        span = keys.APPLIED_SPAN
        sets: dict[int, list[int]] = {}  # marker set (entry id // span) -> entry ids
        where: dict[int, list[int]] = {}  # marker set -> positions in `entries`
        sums: dict[tuple[str, str, str], dict[int, list[int]]] = {}  # board -> member -> [delta, tie]
        boards: dict[tuple[str, str, str], BoardDelta] = {}  # board -> one of its deltas
        for pos, entry in enumerate(entries):
            bucket = entry.entry_id // span
            ids = sets.get(bucket)
            if ids is None:
                ids = sets[bucket] = []
                where[bucket] = []
            ids.append(entry.entry_id)
            where[bucket].append(pos)
            member = entry.user_id
            for d in entry.deltas:
                period = d.period
                board_id = (d.metric, period.window, period.id)
                board = sums.get(board_id)
                if board is None:
                    board = sums[board_id] = {}
                    boards[board_id] = d
                cell = board.get(member)
                if cell is None:
                    board[member] = [d.delta, d.tie]
                else:
                    cell[0] += d.delta
                    if d.tie < cell[1]:
                        cell[1] = d.tie
        packed = []
        board_keys = []
        for board_id, board in sums.items():
            d = boards[board_id]
            exp = d.period.expires_at
            board_keys.append(keys.board(org_id, *board_id))
            cells = board.values()
            packed.append((0 if exp is None else int(exp.timestamp()), d.scale,
                           [str(m) for m in board], [c[0] for c in cells], [c[1] for c in cells]))
        marker_keys = [keys.applied(org_id, bucket * span) for bucket in sets]
        ks = [keys.meta(org_id), *marker_keys, *board_keys]
        if LEGACY_MARKERS:
            ks += [keys.applied_legacy(org_id, e.entry_id) for e in entries]
        ids_out = [[str(i) for i in ids] for ids in sets.values()]  # strings: Lua hands them to Redis as they are
        result = await self._apply(keys=ks, args=[_msgpack((APPLIED_TTL_S, ids_out, packed))])
        if result == -1:
            raise MetaMissing(org_id)
        if result == 1:
            return None
        seen, legacy = result
        refused = [bool(x) for x in legacy] if legacy else [False] * len(entries)
        flags = iter(seen)
        for positions in where.values():
            for pos in positions:
                if next(flags):
                    refused[pos] = True
        return refused

    async def ensure_meta(self, org_id: int) -> None:
        """Mark a new org's (empty) view as complete."""
        await self.redis.hsetnx(keys.meta(org_id), "epoch", secrets.token_hex(4))

    async def has_meta(self, org_id: int) -> bool:
        return bool(await self.redis.exists(keys.meta(org_id)))

    async def epoch(self, org_id: int) -> str | None:
        value = cast(bytes | None, await self.redis.hget(keys.meta(org_id), "epoch"))
        return value.decode() if value else None

    async def set_profiles(self, org_id: int, profiles: dict[int, Profile]) -> None:
        if profiles:
            await self.redis.hset(keys.profiles(org_id), mapping={
                str(uid): _profile_encoder.encode(p) for uid, p in profiles.items()})

    async def members_moved(self, org_id: int) -> None:
        """Tell the game servers the org's segments changed members (the boards did not move)."""
        await self.redis.publish(org_changes(org_id), keys.members_moved(org_id))

    async def remove_member(self, org_id: int, user_id: int) -> None:
        """Take a user off every board of the org (deactivation)."""
        async for key in self.redis.scan_iter(match=keys.board_pattern(org_id), count=500):
            await self.redis.zrem(key, str(user_id))

    async def replace_all(
        self,
        org_id: int,
        boards: dict[tuple[str, Period], dict[int, float]],
        profiles: dict[int, Profile],
        applied_ids: list[int],
    ) -> str:
        """Swap in a rebuilt view in one MULTI: old boards go, new boards, profiles and meta come."""
        old = [k async for k in self.redis.scan_iter(match=keys.board_pattern(org_id), count=1000)]
        epoch = secrets.token_hex(4)
        now = wall_time()  # Redis expires keys by this clock
        async with self.redis.pipeline(transaction=True) as pipe:
            if old:
                pipe.unlink(*old)
            pipe.delete(keys.profiles(org_id))
            for (metric, period), members in boards.items():
                exp = period.expires_at
                if exp is not None and exp.timestamp() <= now or not members:
                    continue
                key = keys.board(org_id, metric, period.window, period.id)
                pipe.zadd(key, {str(uid): score for uid, score in members.items()})
                if exp is not None:
                    pipe.expireat(key, int(exp.timestamp()))
            if profiles:
                pipe.hset(keys.profiles(org_id), mapping={
                    str(uid): _profile_encoder.encode(p) for uid, p in profiles.items()})
            marker_sets: dict[str, list[int]] = {}
            for entry_id in applied_ids:
                marker_sets.setdefault(keys.applied(org_id, entry_id), []).append(entry_id)
            for mk, ids in marker_sets.items():
                pipe.sadd(mk, *ids)
                pipe.expire(mk, APPLIED_TTL_S)
            pipe.hset(keys.meta(org_id), mapping={"epoch": epoch, "built_at": wall_time()})
            await pipe.execute()
        return epoch

    async def drop_meta(self, org_id: int) -> None:
        await self.redis.delete(keys.meta(org_id))

    # -- reads --------------------------------------------------------------------------
    async def page(self, org_id: int, metric: str, period: Period, offset: int, limit: int) -> Page:
        return await self._read(org_id, metric, period, offset, limit, member=None, radius=0)

    async def around(self, org_id: int, metric: str, period: Period, user_id: int, radius: int) -> Page:
        return await self._read(org_id, metric, period, 0, 0, member=user_id, radius=radius)

    async def _read(self, org_id: int, metric: str, period: Period, offset: int, limit: int, *,
                    member: int | None, radius: int) -> Page:
        scale = tie_scale(period.window)
        key = keys.board(org_id, metric, period.window, period.id)
        total, first_rank, member_pos, offset, flat, profiles, intact = await self._page(
            keys=[key, keys.profiles(org_id), keys.meta(org_id)],
            args=[offset, limit, scale, "" if member is None else member, radius],
        )
        metrics = [unpack_metric(period.window, float(flat[i + 1])) for i in range(0, len(flat), 2)]
        ranks = competition_ranks(metrics, first_rank, offset)
        entries = [
            Ranked(rank, int(flat[2 * i]), metrics[i],
                   _profile_decoder.decode(profiles[i]) if profiles[i] else None)
            for i, rank in enumerate(ranks)
        ]
        member_rank = None
        if member is not None and member_pos != -1:
            member_rank = next(e.rank for e in entries if e.user_id == member)
        return Page(total=total, entries=entries, member_rank=member_rank, view_intact=bool(intact))

    async def scores(self, org_id: int, metric: str, period: Period, user_ids: list[int]) -> dict[int, float]:
        """Raw packed scores of some users (for segment boards filtered from the org board)."""
        if not user_ids:
            return {}
        key = keys.board(org_id, metric, period.window, period.id)
        values = await self.redis.zmscore(key, [str(u) for u in user_ids])
        return {u: float(v) for u, v in zip(user_ids, values, strict=True) if v is not None}

    async def rank_moves(self, org_id: int, metric: str, period: Period, gains: dict[int, int],
                         name_n: int) -> dict[int, RankMove]:
        """Where each mover stands just before its gain lands, in one script call."""
        if not gains:
            return {}
        key = keys.board(org_id, metric, period.window, period.id)
        args: list[int] = [tie_scale(period.window), name_n]
        for uid, gain in gains.items():
            args += [uid, gain]
        found = await self._rank_moves(keys=[key, keys.profiles(org_id)], args=args)
        out = {}
        for uid, (old, between, above_old, above_new, flat, raw) in zip(gains, found, strict=True):
            near = [(int(flat[j]), unpack_metric(period.window, float(flat[j + 1]))) for j in range(0, len(flat), 2)]
            named = [uid, *(m for m, _ in near)]
            profiles = {m: _profile_decoder.decode(p) for m, p in zip(named, raw, strict=True) if p}
            out[uid] = RankMove(old, old + gains[uid], between, 1 + above_old, 1 + above_new, near, profiles)
        return out

    async def profiles(self, org_id: int, user_ids: list[int]) -> dict[int, Profile]:
        if not user_ids:
            return {}
        raw = await self.redis.hmget(keys.profiles(org_id), [str(u) for u in user_ids])
        return {u: _profile_decoder.decode(p) for u, p in zip(user_ids, raw, strict=True) if p}


def rank_segment(window: str, scores: dict[int, float]) -> list[tuple[int, int, int]]:
    """(rank, user_id, metric) for a segment's members, ordered like the org board (ties: member desc)."""
    ordered = sorted(scores.items(), key=lambda kv: (kv[1], str(kv[0])), reverse=True)
    metrics = [unpack_metric(window, s) for _, s in ordered]
    first = 1
    ranks = competition_ranks(metrics, first, 0)
    return [(r, uid, m) for r, (uid, _), m in zip(ranks, ordered, metrics, strict=True)]


STORE: Part[BoardStore] = Part("board.store", lambda rt: BoardStore(rt.redis))


def board_store(rt: Runtime) -> BoardStore:
    """The process's board store (one per runtime: its scripts are registered once)."""
    return rt.part(STORE)
