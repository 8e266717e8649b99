-- Publish several frames, each exactly as publish.lua does (offset, capped history, PUBLISH),
-- in order, in one call. Every key belongs to one org (one hash tag).
--
-- KEYS[2i-1] channel meta hash {epoch, offset}, KEYS[2i] history stream, for frame i
-- ARGV[1] new epoch for a channel that has none, ARGV[2] ttl seconds,
-- then per frame i: ARGV[3i] frame JSON object without epoch/offset, ARGV[3i+1] history length,
-- ARGV[3i+2] pub/sub channel. Returns the number of frames published.
local ttl = tonumber(ARGV[2])
local n = #KEYS / 2
for i = 1, n do
  local meta, stream = KEYS[2 * i - 1], KEYS[2 * i]
  local epoch = redis.call('HGET', meta, 'epoch')
  if not epoch then
    epoch = ARGV[1]
    redis.call('HSET', meta, 'epoch', epoch, 'offset', 0)
    redis.call('DEL', stream)
  end
  local offset = redis.call('HINCRBY', meta, 'offset', 1)
  local frame = string.sub(ARGV[3 * i], 1, -2) .. ',"epoch":"' .. epoch .. '","offset":' .. offset .. '}'
  redis.call('XADD', stream, 'MAXLEN', '~', ARGV[3 * i + 1], offset .. '-1', 'f', frame)
  redis.call('EXPIRE', meta, ttl)
  redis.call('EXPIRE', stream, ttl)
  redis.call('PUBLISH', ARGV[3 * i + 2], frame)
end
return n
