-- Apply ledger entries to leaderboard sorted sets, atomically and exactly once.
--
-- KEYS[1]            org meta hash; if it is missing the view was lost: return -1, touch nothing
-- KEYS[2 .. 1+n]     per entry, its idempotency marker
-- KEYS[2+n ..]       the boards the entries touch
-- ARGV[1] n entries, ARGV[2] marker ttl (s), then per board its EXPIREAT (0 = never),
-- then per entry: member, number of updates u, and u quadruples
--   (board index 1-based, metric delta, tie scale 2^bits, tie part of this entry).
-- Score = metric * scale + tie; the tie part keeps the latest "reached at" (smallest tie),
-- so applying entries out of order gives the same board as a rebuild from the ledger.
-- Returns a list with 1 (applied) or 0 (already applied) per entry. When anything moved it
-- PUBLISHes the moved board keys (space-separated) on the org's "changes" topic, so game
-- servers know which live channels to refresh.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return -1
end
local n = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local nboards = #KEYS - 1 - n
local expires = {}
for b = 1, nboards do
  expires[b] = tonumber(ARGV[2 + b])
end
local a = 3 + nboards
local result = {}
local moved = false
for e = 1, n do
  local member = ARGV[a]
  local updates = tonumber(ARGV[a + 1])
  a = a + 2
  if redis.call('SET', KEYS[1 + e], '1', 'NX', 'EX', ttl) then
    result[e] = 1
    if updates > 0 then moved = true end
    for _ = 1, updates do
      local b = tonumber(ARGV[a])
      local key = KEYS[1 + n + b]
      local delta = tonumber(ARGV[a + 1])
      local scale = tonumber(ARGV[a + 2])
      local tie = tonumber(ARGV[a + 3])
      local old = redis.call('ZSCORE', key, member)
      local metric = delta
      if old then
        old = tonumber(old)
        local old_metric = math.floor(old / scale)
        local old_tie = old - old_metric * scale
        metric = old_metric + delta
        if old_tie < tie then tie = old_tie end
      end
      if metric == 0 then
        redis.call('ZREM', key, member)
      else
        redis.call('ZADD', key, metric * scale + tie, member)
        if not old and expires[b] > 0 then
          redis.call('EXPIREAT', key, expires[b])
        end
      end
      a = a + 4
    end
  else
    result[e] = 0
    a = a + 4 * updates
  end
end
if moved then
  local boards = {}
  for b = 1, nboards do boards[b] = KEYS[1 + n + b] end
  redis.call('PUBLISH', string.sub(KEYS[1], 1, -5) .. 'changes', table.concat(boards, ' '))
end
return result
