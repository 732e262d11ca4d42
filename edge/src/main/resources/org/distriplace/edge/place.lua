-- One placement, atomically (seed 2's steps 3 to 5): the player's cooldown (SET NX PX), the canvas byte
-- (SETRANGE), the band's clock and sequence, the outbox entry the edge clears once Kafka has it, and the publish.
-- KEYS: 1 the player's cooldown, 2 the band's canvas, 3 its clock, 4 its outbox, 5 its outbox by time
-- ARGV: 1 cooldown ms (0: none), 2 byte offset in the band, 3 the colour byte, 4 the record's tail
--       (band|x|y|color|edge|user), 5 the channel
-- Returns {1, seq, ms, logical} placed; {0, ms left} cooling down; {-1} the band is missing (Redis lost the canvas).
if redis.call('EXISTS', KEYS[2]) == 0 then
  return {-1}
end
local cooldown = tonumber(ARGV[1])
if cooldown > 0 and not redis.call('SET', KEYS[1], '1', 'NX', 'PX', cooldown) then
  return {0, redis.call('PTTL', KEYS[1])}
end
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local clock = redis.call('HMGET', KEYS[3], 'ms', 'logical')
local last = tonumber(clock[1]) or 0
local logical = 0
if ms <= last then
  -- The clock never goes back: a placement after another is stamped after it (last write wins by stamp).
  ms = last
  logical = (tonumber(clock[2]) or 0) + 1
  if logical > 65535 then
    ms = last + 1
    logical = 0
  end
end
local seq = redis.call('HINCRBY', KEYS[3], 'seq', 1)
redis.call('HSET', KEYS[3], 'ms', ms, 'logical', logical)
redis.call('SETRANGE', KEYS[2], tonumber(ARGV[2]), ARGV[3])
local record = seq .. '|' .. ms .. '|' .. logical .. '|' .. ARGV[4]
redis.call('HSET', KEYS[4], seq, record)
redis.call('ZADD', KEYS[5], ms, seq)
redis.call('PUBLISH', ARGV[5], record)
return {1, seq, ms, logical}
