-- Publish one frame on a realtime channel: bump the channel offset, keep it in a capped
-- stream (the recovery history), and PUBLISH it to every game-server process, atomically.
--
-- KEYS[1] channel meta hash {epoch, offset}   KEYS[2] history stream   KEYS[3] last view (optional)
-- ARGV[1] new epoch to use if the channel has none, ARGV[2] frame JSON object without epoch/offset,
-- ARGV[3] history length, ARGV[4] ttl seconds, ARGV[5] pub/sub channel, ARGV[6] view JSON ('' = none)
-- Returns {epoch, offset}. The published message is the frame with ,"epoch":..,"offset":.. appended.
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch then
  epoch = ARGV[1]
  redis.call('HSET', KEYS[1], 'epoch', epoch, 'offset', 0)
  redis.call('DEL', KEYS[2])
end
local offset = redis.call('HINCRBY', KEYS[1], 'offset', 1)
local frame = string.sub(ARGV[2], 1, -2) .. ',"epoch":"' .. epoch .. '","offset":' .. offset .. '}'
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], offset .. '-1', 'f', frame)
local ttl = tonumber(ARGV[4])
redis.call('EXPIRE', KEYS[1], ttl)
redis.call('EXPIRE', KEYS[2], ttl)
if ARGV[6] ~= '' then
  redis.call('SET', KEYS[3], ARGV[6], 'EX', ttl)
end
redis.call('PUBLISH', ARGV[5], frame)
return {epoch, offset}
