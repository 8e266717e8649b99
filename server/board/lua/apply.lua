-- Apply ledger entries to leaderboard sorted sets, atomically and exactly once.
--
-- The client (BoardStore.apply) has already summed the call's entries per (board, member): the
-- script checks the entries' idempotency markers and, only if every entry is new, moves each
-- board with one ZMSCORE and one variadic ZADD. If any entry was already applied it touches
-- nothing and says which; the client then sends the rest again, summed without them.
--
-- KEYS[1]                   org meta hash; if it is missing the view was lost: return -1, touch nothing
-- KEYS[2 .. 1+nb]           marker sets: entry ids of a range of 512 (`ap:b<id // 512>`), one per range
-- KEYS[2+nb .. 1+nb+nk]     the boards the entries move
-- KEYS[2+nb+nk ..]          legacy per-entry markers (`ap:<id>`, SET by earlier versions), possibly none
-- ARGV[1] a MessagePack array {marker ttl (s), ids, boards}: ids a list per marker set of the entry
--   ids in it (as strings); boards a list per board key of {EXPIREAT (0 = never), tie scale 2^bits, members,
--   metric deltas, tie parts} (three parallel lists, members as strings).
--
-- Score = metric * scale + tie; the tie part keeps the latest "reached at" (smallest tie),
-- so applying entries out of order gives the same board as a rebuild from the ledger.
--
-- Returns 1 when the entries were applied; -1 (view lost); or, when some entry was already
-- applied, {flags, legacy}: flags 1 = already applied, per id in the order of ARGV's id lists,
-- legacy likewise per legacy key. The moved board keys are PUBLISHed (space-separated) on the
-- org's "changes" topic, so game servers know which live channels to refresh.
local call, tonumber, unpack, min, floor = redis.call, tonumber, unpack, math.min, math.floor
if call('EXISTS', KEYS[1]) == 0 then
  return -1
end
local data = cmsgpack.unpack(ARGV[1])
local ttl, ids, boards = data[1], data[2], data[3]
local nb, nk = #ids, #boards
local first_legacy = 2 + nb + nk

-- Variadic calls in slices, well under Lua's C-stack limit on unpack.
local SLICE = 1000
local function call_sliced(command, key, args)
  for i = 1, #args, SLICE do
    call(command, key, unpack(args, i, min(i + SLICE - 1, #args)))
  end
end

local seen = {}
local any = false
for s = 1, nb do
  local list = ids[s]
  for i = 1, #list, SLICE do
    local part = call('SMISMEMBER', KEYS[1 + s], unpack(list, i, min(i + SLICE - 1, #list)))
    for j = 1, #part do
      seen[#seen + 1] = part[j]
      if part[j] == 1 then any = true end
    end
  end
end
local legacy = {}
if #KEYS >= first_legacy then
  local found = 0
  for i = first_legacy, #KEYS, SLICE do
    found = found + call('EXISTS', unpack(KEYS, i, min(i + SLICE - 1, #KEYS)))
  end
  if found > 0 then
    any = true
    for i = first_legacy, #KEYS do legacy[#legacy + 1] = call('EXISTS', KEYS[i]) end
  end
end
if any then
  return {seen, legacy}
end

for s = 1, nb do
  call_sliced('SADD', KEYS[1 + s], ids[s])
  call('EXPIRE', KEYS[1 + s], ttl)
end

local moved = {}
for b = 1, nk do
  local key = KEYS[1 + nb + b]
  local board = boards[b]
  local expire, scale, members, deltas, ties = board[1], board[2], board[3], board[4], board[5]
  local n = #members
  local olds
  if n <= SLICE then
    olds = call('ZMSCORE', key, unpack(members))
  else
    olds = {}
    for i = 1, n, SLICE do
      local part = call('ZMSCORE', key, unpack(members, i, min(i + SLICE - 1, n)))
      for j = 1, #part do olds[i + j - 1] = part[j] end
    end
  end
  local add, remove, fresh = {}, {}, false
  local a = 0
  for i = 1, n do
    local metric, tie, old = deltas[i], ties[i], olds[i]
    if old then
      old = tonumber(old)
      local old_metric = floor(old / scale)
      local old_tie = old - old_metric * scale
      metric = old_metric + metric
      if old_tie < tie then tie = old_tie end
    else
      fresh = true
    end
    if metric == 0 then
      remove[#remove + 1] = members[i]
    else
      add[a + 1] = metric * scale + tie
      add[a + 2] = members[i]
      a = a + 2
    end
  end
  if a > 0 then
    if a <= SLICE then call('ZADD', key, unpack(add)) else call_sliced('ZADD', key, add) end
  end
  if #remove > 0 then call_sliced('ZREM', key, remove) end
  if fresh and expire > 0 then call('EXPIREAT', key, expire) end
  moved[#moved + 1] = key
end
if #moved > 0 then
  call('PUBLISH', string.sub(KEYS[1], 1, -5) .. 'changes', table.concat(moved, ' '))
end
return 1
