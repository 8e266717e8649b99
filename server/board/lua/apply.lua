-- Apply ledger entries to leaderboard sorted sets, atomically and exactly once.
--
-- KEYS[1]            org meta hash; if it is missing the view was lost: return -1, touch nothing
-- KEYS[2 .. 1+n]     per entry, its idempotency marker
-- KEYS[2+n ..]       the boards the entries touch
-- ARGV[1] a MessagePack array {marker ttl (s), boards, entries}: boards is a list of
--   {EXPIREAT (0 = never), tie scale 2^bits}, one per board key in KEYS order; entries a list of
--   {member, {board index 1-based, metric delta, tie part, board index, ...}}, one per marker key.
--   (One packed argument instead of tens per entry: cheaper to send and to read than ARGV strings.)
--
-- Score = metric * scale + tie; the tie part keeps the latest "reached at" (smallest tie),
-- so applying entries out of order gives the same board as a rebuild from the ledger.
--
-- The new entries are first summed per (board, member); then each board costs one ZMSCORE,
-- one variadic ZADD (and ZREM for members back at zero): a batch of entries pays the
-- per-command cost once per board instead of once per entry and board.
--
-- Returns a list with 1 (applied) or 0 (already applied) per entry. The moved board keys
-- are PUBLISHed (space-separated) on the org's "changes" topic, so game servers know which
-- live channels to refresh.
local call, tonumber, unpack, min, floor = redis.call, tonumber, unpack, math.min, math.floor
if call('EXISTS', KEYS[1]) == 0 then
  return -1
end
local data = cmsgpack.unpack(ARGV[1])
local ttl, boards, entries = data[1], data[2], data[3]
local n, nboards = #entries, #boards
local members, sums, ties = {}, {}, {}
for b = 1, nboards do
  members[b], sums[b], ties[b] = {}, {}, {}
end
local result = {}
for e = 1, n do
  local member, updates = entries[e][1], entries[e][2]
  if call('SET', KEYS[1 + e], '1', 'NX', 'EX', ttl) then
    result[e] = 1
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
        local tie_of = ties[b]
        if tie < tie_of[member] then tie_of[member] = tie end
      end
    end
  else
    result[e] = 0
  end
end

-- Variadic calls in slices, well under Lua's C-stack limit on unpack.
local SLICE = 1000
local function call_sliced(command, key, args)
  for i = 1, #args, SLICE do
    call(command, key, unpack(args, i, min(i + SLICE - 1, #args)))
  end
end

local moved = {}
for b = 1, nboards do
  local list = members[b]
  if #list > 0 then
    local key = KEYS[1 + n + b]
    local expire, scale = boards[b][1], boards[b][2]
    local olds = {}
    for i = 1, #list, SLICE do
      local part = call('ZMSCORE', key, unpack(list, i, min(i + SLICE - 1, #list)))
      for j = 1, #part do olds[i + j - 1] = part[j] end
    end
    local sum, tie_of = sums[b], ties[b]
    local add, remove, fresh = {}, {}, false
    for i = 1, #list do
      local member = list[i]
      local metric = sum[member]
      local tie = tie_of[member]
      local old = olds[i]
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
        remove[#remove + 1] = member
      else
        add[#add + 1] = metric * scale + tie
        add[#add + 1] = member
      end
    end
    if #add > 0 then call_sliced('ZADD', key, add) end
    if #remove > 0 then call_sliced('ZREM', key, remove) end
    if fresh and expire > 0 then call('EXPIREAT', key, expire) end
    moved[#moved + 1] = key
  end
end
if #moved > 0 then
  call('PUBLISH', string.sub(KEYS[1], 1, -5) .. 'changes', table.concat(moved, ' '))
end
return result
