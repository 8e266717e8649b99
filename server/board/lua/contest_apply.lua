-- Apply ledger rows to a contest's live standings, atomically and exactly once.
--
-- KEYS[1]          the contest's meta hash; missing means the standings were lost: return -1
-- KEYS[2 .. 1+n]   per row, its idempotency marker
-- KEYS[2+n ..]     the sorted sets touched (slots)
-- ARGV[1] n, ARGV[2] marker ttl (s), ARGV[3] topic to announce on, ARGV[4] what to announce,
-- then per row: member, delta, number of slots k, and k slot indexes (1-based).
-- Returns 1 (applied) or 0 (already applied) per row.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return -1
end
local n = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local a = 5
local result = {}
local moved = false
for e = 1, n do
  local member, delta, k = ARGV[a], tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
  a = a + 3
  if redis.call('SET', KEYS[1 + e], '1', 'NX', 'EX', ttl) then
    result[e] = 1
    for i = 0, k - 1 do
      local key = KEYS[1 + n + tonumber(ARGV[a + i])]
      if redis.call('ZINCRBY', key, delta, member) == '0' then
        redis.call('ZREM', key, member)
      end
      moved = true
    end
  else
    result[e] = 0
  end
  a = a + k
end
if moved then
  redis.call('PUBLISH', ARGV[3], ARGV[4])
end
return result
