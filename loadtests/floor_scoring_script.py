"""What the scoring script cannot go below: the cost per member of the Redis commands it is made of.

    python -m loadtests.floor_scoring_script [--url redis://127.0.0.1:6399/0] [--reps 5000] [--calls 300]

Best pointed at a private, otherwise idle redis-server (same binary as production): INFO commandstats
is server-wide, so on a shared Redis other clients' ZADD/EVALSHA would count as ours. Builds 10 sorted
sets of --reps members with scores shaped like the boards' (metric * 2^bits + tie part, bits 17..23,
~2^40..2^53), then runs, per variant, --calls calls of "100 activities" = 10 boards x 100 distinct
members (what BoardStore.apply sends at 100 entries per call) and prints Redis time per activity and
per member from commandstats (EVALSHA in total, and the commands inside it). Keys: `rrfloor:{f}:*`,
deleted afterwards.
"""

from __future__ import annotations

import argparse
import random
import time

import msgspec
import redis

BITS = (17, 20, 22, 23, 20, 17, 20, 22, 23, 20)  # points x day/week/month/quarter/all, then a type's
PER_CALL = 100  # activities per call; each moves every board by one member
TTL = 86400

KERNEL_FLAT = r"""
-- ARGV: per board: scale, n, members..., deltas..., ties...  (all strings)
local call, tonumber, floor = redis.call, tonumber, math.floor
local a = 1
for b = 1, #KEYS do
  local scale, n = tonumber(ARGV[a]), tonumber(ARGV[a + 1])
  local m0 = a + 2
  local olds = call('ZMSCORE', KEYS[b], unpack(ARGV, m0, m0 + n - 1))
  local add = {}
  for i = 1, n do
    local delta, tie = tonumber(ARGV[m0 + n + i - 1]), tonumber(ARGV[m0 + 2 * n + i - 1])
    local old = olds[i]
    local metric = delta
    if old then
      old = tonumber(old)
      local om = floor(old / scale)
      local ot = old - om * scale
      metric = om + delta
      if ot < tie then tie = ot end
    end
    add[2 * i - 1] = metric * scale + tie
    add[2 * i] = ARGV[m0 + i - 1]
  end
  call('ZADD', KEYS[b], unpack(add))
  a = m0 + 3 * n
end
return 1
"""

KERNEL_PACKED = r"""
-- ARGV[1]: msgpack {{scale, {member...}, {delta...}, {tie...}}, ...} one per board
local call, tonumber, floor = redis.call, tonumber, math.floor
local boards = cmsgpack.unpack(ARGV[1])
for b = 1, #boards do
  local scale, members, deltas, ties = boards[b][1], boards[b][2], boards[b][3], boards[b][4]
  local n = #members
  local olds = call('ZMSCORE', KEYS[b], unpack(members))
  local add = {}
  for i = 1, n do
    local metric, tie = deltas[i], ties[i]
    local old = olds[i]
    if old then
      old = tonumber(old)
      local om = floor(old / scale)
      local ot = old - om * scale
      metric = om + metric
      if ot < tie then tie = ot end
    end
    add[2 * i - 1] = metric * scale + tie
    add[2 * i] = members[i]
  end
  call('ZADD', KEYS[b], unpack(add))
end
return 1
"""

# scores formatted by Lua's string.format('%d') instead of redis.call's %.17g
KERNEL_PACKED_FMT = (KERNEL_PACKED
                     .replace("local call, tonumber, floor = redis.call, tonumber, math.floor",
                              "local call, tonumber, floor, format = redis.call, tonumber, math.floor, string.format")
                     .replace("add[2 * i - 1] = metric * scale + tie", "add[2 * i - 1] = format('%d', metric * scale + tie)"))

ZMSCORE_ONLY = r"""
local a = 1
for b = 1, #KEYS do
  local n = tonumber(ARGV[a])
  redis.call('ZMSCORE', KEYS[b], unpack(ARGV, a + 1, a + n))
  a = a + 1 + n
end
return 1
"""

ZADD_STRINGS = r"""
-- ARGV: per board: n, score, member, score, member ... (scores as strings, computed by the client)
local a = 1
for b = 1, #KEYS do
  local n = tonumber(ARGV[a])
  redis.call('ZADD', KEYS[b], unpack(ARGV, a + 1, a + 2 * n))
  a = a + 1 + 2 * n
end
return 1
"""

ZINCRBY_EACH = r"""
-- ARGV: per board: n, incr, member, incr, member ...: one ZINCRBY per member (the read-free shape)
local call = redis.call
local a = 1
for b = 1, #KEYS do
  local n = tonumber(ARGV[a])
  for i = a + 1, a + 2 * n, 2 do call('ZINCRBY', KEYS[b], ARGV[i], ARGV[i + 1]) end
  a = a + 1 + 2 * n
end
return 1
"""

MARKERS_SET = r"""
-- KEYS: one marker per entry
local call, ttl, r = redis.call, ARGV[1], {}
for i = 1, #KEYS do
  r[i] = call('SET', KEYS[i], '1', 'NX', 'EX', ttl) and 1 or 0
end
return r
"""

MARKERS_BUCKET = r"""
-- KEYS[1]: one set of entry ids; ARGV: ttl, ids...
local key = KEYS[1]
local seen = redis.call('SMISMEMBER', key, unpack(ARGV, 2))
local added = redis.call('SADD', key, unpack(ARGV, 2))
redis.call('EXPIRE', key, ARGV[1])
return added
"""

MARKERS_BUCKET_FAST = r"""
-- KEYS[1]: one set of entry ids; ARGV: ttl, ids...: SADD alone tells "all new" (the fast path)
local added = redis.call('SADD', KEYS[1], unpack(ARGV, 2))
redis.call('EXPIRE', KEYS[1], ARGV[1])
return added
"""

UNPACK_ONLY = r"""
local data = cmsgpack.unpack(ARGV[1])
return #data[3]
"""

APPLY_LIKE_BOOKKEEPING = r"""
-- the per-entry Lua bookkeeping of apply.lua (sums, ties, member lists) without any redis.call
local data = cmsgpack.unpack(ARGV[1])
local boards, entries = data[2], data[3]
local members, sums, ties = {}, {}, {}
for b = 1, #boards do members[b], sums[b], ties[b] = {}, {}, {} end
for e = 1, #entries do
  local member, updates = entries[e][1], entries[e][2]
  for u = 1, #updates, 3 do
    local b, delta, tie = updates[u], updates[u + 1], updates[u + 2]
    local sum = sums[b]
    local current = sum[member]
    if current == nil then
      local list = members[b]
      list[#list + 1] = member
      sum[member] = delta
      ties[b][member] = tie
    else
      sum[member] = current + delta
      if tie < ties[b][member] then ties[b][member] = tie end
    end
  end
end
return 1
"""

EMPTY = "return 1"


def cmdstats(r: redis.Redis) -> dict[str, tuple[int, int]]:
    return {k.removeprefix("cmdstat_"): (v["calls"], v["usec"]) for k, v in r.info("commandstats").items()}


def cpu(r: redis.Redis) -> float:
    info = r.info("cpu")
    return info["used_cpu_user_main_thread"] + info["used_cpu_sys_main_thread"]


class Floor:
    def __init__(self, r: redis.Redis, reps: int, calls: int, seed: int = 1) -> None:
        self.r, self.reps, self.calls = r, reps, calls
        self.rnd = random.Random(seed)
        self.boards = [f"rrfloor:{{f}}:lb:{i}" for i in range(len(BITS))]
        self.rows: list[tuple[str, float, float, str]] = []

    def build(self) -> None:
        self.r.delete(*self.boards)
        for key, bits in zip(self.boards, BITS, strict=True):
            scale = 1 << bits
            top = (1 << (53 - bits)) // 4 if bits < 23 else 800
            pipe = self.r.pipeline(transaction=False)
            for m in range(1, self.reps + 1):
                pipe.zadd(key, {str(m): self.rnd.randrange(1, min(top, 5000)) * scale + self.rnd.randrange(scale)})
            pipe.execute()

    def batch(self) -> list[tuple[int, list[int], list[int], list[int]]]:
        """Per board: scale, 100 distinct members, deltas, ties (ties in the board's range)."""
        out = []
        for bits in BITS:
            scale = 1 << bits
            members = self.rnd.sample(range(1, self.reps + 1), PER_CALL)
            deltas = [self.rnd.choice((1, 5, 10, 25, 50)) for _ in members]
            ties = [self.rnd.randrange(scale) for _ in members]
            out.append((scale, members, deltas, ties))
        return out

    def measure(self, name: str, run, per: int, unit: str, note: str = "") -> None:
        """Run `run(i)` --calls times; per = units (members or activities) per call."""
        before, c0, t0 = cmdstats(self.r), cpu(self.r), time.perf_counter()
        for i in range(self.calls):
            run(i)
        wall, used = time.perf_counter() - t0, cpu(self.r) - c0
        after = cmdstats(self.r)
        n = self.calls * per
        delta = {k: (after[k][1] - before.get(k, (0, 0))[1]) / n for k in after
                 if after[k][0] != before.get(k, (0, 0))[0]}
        parts = ", ".join(f"{k} {v:.2f}" for k, v in sorted(delta.items(), key=lambda kv: -kv[1])
                          if k not in ("info",) and v >= 0.005)
        self.rows.append((name, used * 1e6 / n, wall * 1e6 / n, unit))
        print(f"{name:<44} redis CPU {used * 1e6 / n:7.2f} us/{unit}  wall {wall * 1e6 / n:7.2f}  "
              f"[commandstats us/{unit}: {parts}] {note}")

    def run(self) -> None:
        r = self.r
        self.build()
        r.info("commandstats")
        sha = {name: r.script_load(src) for name, src in (
            ("flat", KERNEL_FLAT), ("packed", KERNEL_PACKED), ("packed_fmt", KERNEL_PACKED_FMT), ("zmscore", ZMSCORE_ONLY), ("zadd", ZADD_STRINGS),
            ("zincrby", ZINCRBY_EACH), ("set", MARKERS_SET), ("bucket", MARKERS_BUCKET),
            ("bucket_fast", MARKERS_BUCKET_FAST), ("unpack", UNPACK_ONLY), ("book", APPLY_LIKE_BOOKKEEPING),
            ("empty", EMPTY))}
        batches = [self.batch() for _ in range(self.calls)]
        nk = len(self.boards)

        def flat_args(bt):
            args: list = []
            for scale, members, deltas, ties in bt:
                args += [scale, len(members), *members, *deltas, *ties]
            return args
        flat = [flat_args(bt) for bt in batches]
        packed = [msgspec.msgpack.encode([[s, [str(x) for x in m], d, t] for s, m, d, t in bt]) for bt in batches]
        print(f"{self.reps} members per board, {nk} boards, {PER_CALL} activities (= {PER_CALL} members per board) "
              f"per call, {self.calls} calls per variant")
        self.measure("EVALSHA empty (10 keys)", lambda i: r.evalsha(sha["empty"], nk, *self.boards), PER_CALL,
                     "activity", "(per-call constant / 100)")
        self.measure("Lua: ZMSCORE only", lambda i: r.evalsha(
            sha["zmscore"], nk, *self.boards,
            *[x for s, m, d, t in batches[i] for x in (len(m), *m)]), PER_CALL * nk, "member")
        # scores for a ZADD-only pass: current + delta * scale, computed client side from a fresh read
        self.measure("Lua: ZMSCORE+ZADD kernel, flat ARGV", lambda i: r.evalsha(sha["flat"], nk, *self.boards, *flat[i]),
                     PER_CALL * nk, "member")
        self.measure("Lua: ZMSCORE+ZADD kernel, msgpack", lambda i: r.evalsha(sha["packed"], nk, *self.boards,
                                                                             packed[i]), PER_CALL * nk, "member")
        self.measure("Lua: same, scores via string.format('%d')", lambda i: r.evalsha(
            sha["packed_fmt"], nk, *self.boards, packed[i]), PER_CALL * nk, "member")
        self.measure("Lua: ZMSCORE+ZADD kernel, msgpack (per activity)",
                     lambda i: r.evalsha(sha["packed"], nk, *self.boards, packed[i]), PER_CALL, "activity")

        def zadd_strings(i):
            args: list = []
            for (scale, members, deltas, ties), _key in zip(batches[i], self.boards, strict=True):
                args.append(len(members))
                for m, d, t in zip(members, deltas, ties, strict=True):
                    args += [repr(float((self.rnd.randrange(1, 4000) + d) * scale + t)), m]
            r.evalsha(sha["zadd"], nk, *self.boards, *args)
        self.measure("Lua: ZADD only, scores as strings", zadd_strings, PER_CALL * nk, "member")

        def pipelined(i):
            pipe = r.pipeline(transaction=False)
            for (_s, members, _d, _t), key in zip(batches[i], self.boards, strict=True):
                pipe.zmscore(key, members)
            olds = pipe.execute()
            pipe = r.pipeline(transaction=False)
            for (scale, members, deltas, ties), key, old in zip(batches[i], self.boards, olds, strict=True):
                new = {}
                for m, d, t, o in zip(members, deltas, ties, old, strict=True):
                    if o is not None:
                        om = int(o) // scale
                        t = min(t, int(o) - om * scale)
                        d += om
                    new[m] = d * scale + t
                pipe.zadd(key, new)
            pipe.execute()
        self.measure("client pipeline: ZMSCORE x10, then ZADD x10", pipelined, PER_CALL * nk, "member",
                     "(not atomic: reference only)")

        def zincrby(i):
            args: list = []
            for scale, members, deltas, _ties in batches[i]:
                args.append(len(members))
                for m, d in zip(members, deltas, strict=True):
                    args += [d * scale, m]
            r.evalsha(sha["zincrby"], nk, *self.boards, *args)
        self.measure("Lua: one ZINCRBY per member (read-free)", zincrby, PER_CALL * nk, "member")

        def zincrby_pipe(i):
            pipe = r.pipeline(transaction=False)
            for (scale, members, deltas, _ties), key in zip(batches[i], self.boards, strict=True):
                for m, d in zip(members, deltas, strict=True):
                    pipe.zincrby(key, d * scale, m)
            pipe.execute()
        self.measure("client pipeline: ZINCRBY per member", zincrby_pipe, PER_CALL * nk, "member",
                     "(ZINCRBY's own cost, no Lua)")

        ids = iter(range(10**12, 10**13))

        def markers_set(i):
            r.evalsha(sha["set"], PER_CALL, *[f"rrfloor:{{f}}:ap:{next(ids)}" for _ in range(PER_CALL)], TTL)
        self.measure("Lua: SET NX EX marker per entry", markers_set, PER_CALL, "activity")

        def markers_bucket(i):
            batch = [next(ids) for _ in range(PER_CALL)]
            r.evalsha(sha["bucket"], 1, f"rrfloor:{{f}}:ap:{batch[0] >> 9}", TTL, *batch)
        self.measure("Lua: SMISMEMBER+SADD+EXPIRE, 1 set", markers_bucket, PER_CALL, "activity")

        def markers_bucket_fast(i):
            batch = [next(ids) for _ in range(PER_CALL)]
            r.evalsha(sha["bucket_fast"], 1, f"rrfloor:{{f}}:ap:{batch[0] >> 9}", TTL, *batch)
        self.measure("Lua: SADD+EXPIRE, 1 set (fast path)", markers_bucket_fast, PER_CALL, "activity")

        # the current apply.lua's payload shape: {ttl, boards, {member, {b, delta, tie, ...}} per entry}
        def apply_payload(bt):
            boards = [(0, s) for s, _, _, _ in bt]
            entries = []
            for e in range(PER_CALL):
                updates = []
                for b, (_s, _m, d, t) in enumerate(bt):
                    updates += [b + 1, d[e], t[e]]
                entries.append((bt[0][1][e], updates))
            return msgspec.msgpack.encode((TTL, boards, entries))
        payloads = [apply_payload(bt) for bt in batches]
        self.measure("Lua: cmsgpack.unpack of apply.lua's payload", lambda i: r.evalsha(sha["unpack"], 0, payloads[i]),
                     PER_CALL, "activity")
        self.measure("Lua: unpack + apply.lua's per-entry tables", lambda i: r.evalsha(sha["book"], 0, payloads[i]),
                     PER_CALL, "activity")
        self.measure("Lua: cmsgpack.unpack of per-board payload", lambda i: r.evalsha(sha["unpack"], 0, packed[i]),
                     PER_CALL, "activity", "(member lists already summed by the client)")
        r.delete(*self.boards)
        for pattern in ("rrfloor:{f}:ap:*",):
            doomed = list(r.scan_iter(match=pattern, count=5000))
            for j in range(0, len(doomed), 5000):
                r.unlink(*doomed[j:j + 5000])


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", default="redis://127.0.0.1:6399/0")
    p.add_argument("--reps", type=int, default=5000)
    p.add_argument("--calls", type=int, default=300)
    args = p.parse_args(argv)
    Floor(redis.Redis.from_url(args.url), args.reps, args.calls).run()


if __name__ == "__main__":
    main()
