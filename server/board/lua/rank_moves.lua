-- Where movers stand on one board just before their gains land (for rank notices).
--
-- KEYS[1]  the board, KEYS[2] the org's profiles hash
-- ARGV[1]  tie scale 2^bits, ARGV[2] how many passed members to name, then per mover:
--          member, gain (metric units, > 0)
-- Returns per mover {old metric, how many are strictly between old and new, how many are above
-- old, how many are above new, {member, score, member, score, ...} of the nearest passed ones,
-- {profile of the mover, profiles of those nearest ones} (false where there is none)}.
local key = KEYS[1]
local scale = tonumber(ARGV[1])
local name_n = tonumber(ARGV[2])
local out = {}
for i = 3, #ARGV, 2 do
  local member = ARGV[i]
  local old = redis.call('ZSCORE', key, member)
  local lo = old and math.floor(tonumber(old) / scale) or 0
  local hi = lo + tonumber(ARGV[i + 1])
  local near = redis.call('ZREVRANGEBYSCORE', key, hi * scale - 1, (lo + 1) * scale, 'WITHSCORES', 'LIMIT', 0, name_n)
  local named = {member}
  for j = 1, #near, 2 do
    named[#named + 1] = near[j]
  end
  out[#out + 1] = {
    lo,
    redis.call('ZCOUNT', key, (lo + 1) * scale, hi * scale - 1),
    redis.call('ZCOUNT', key, (lo + 1) * scale, '+inf'),
    redis.call('ZCOUNT', key, (hi + 1) * scale, '+inf'),
    near,
    redis.call('HMGET', KEYS[2], unpack(named)),
  }
end
return out
