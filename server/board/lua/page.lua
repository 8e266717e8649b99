-- One page of a board, high to low, with what ranks need, in one round trip.
-- KEYS[1] board, KEYS[2] profiles hash, KEYS[3] org meta (its absence means the view was lost)
-- ARGV[1] offset, ARGV[2] limit, ARGV[3] tie scale, ARGV[4] member to centre on ('' = none),
-- ARGV[5] radius (with a member)
-- Returns {total, first_rank, member_rank (-1 if absent or none), offset, members+scores flat, profiles,
--          meta present (1/0)}
local total = redis.call('ZCARD', KEYS[1])
local offset = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local scale = tonumber(ARGV[3])
local member_rank = -1
if ARGV[4] ~= '' then
  local r = redis.call('ZREVRANK', KEYS[1], ARGV[4])
  local radius = tonumber(ARGV[5])
  if r then
    member_rank = r
    offset = math.max(0, r - radius)
    limit = r - offset + radius + 1
  else
    offset = math.max(0, total - radius)
    limit = radius
  end
end
local entries = {}
if limit > 0 then
  entries = redis.call('ZREVRANGE', KEYS[1], offset, offset + limit - 1, 'WITHSCORES')
end
local first_rank = 0
local profiles = {}
if #entries > 0 then
  local metric = math.floor(tonumber(entries[2]) / scale)
  first_rank = redis.call('ZCOUNT', KEYS[1], '(' .. string.format('%.17g', metric * scale + scale - 1), '+inf') + 1
  local ids = {}
  for i = 1, #entries, 2 do ids[#ids + 1] = entries[i] end
  profiles = redis.call('HMGET', KEYS[2], unpack(ids))
end
return {total, first_rank, member_rank, offset, entries, profiles, redis.call('EXISTS', KEYS[3])}
