-- A band rebuilt from the log: its clock and sequence first, then its canvas (placements wait for the canvas key,
-- so none is ordered before the clock is right). Neither clock nor sequence ever goes back.
-- KEYS: 1 the band's canvas, 2 its clock. ARGV: 1 the canvas bytes, 2 ms, 3 logical, 4 seq.
local clock = redis.call('HMGET', KEYS[2], 'ms', 'logical', 'seq')
local ms, logical = tonumber(ARGV[2]), tonumber(ARGV[3])
local known = tonumber(clock[1]) or 0
if known > ms or (known == ms and (tonumber(clock[2]) or 0) > logical) then
  ms, logical = known, tonumber(clock[2]) or 0
end
local seq = math.max(tonumber(clock[3]) or 0, tonumber(ARGV[4]))
redis.call('HSET', KEYS[2], 'ms', ms, 'logical', logical, 'seq', seq)
redis.call('SET', KEYS[1], ARGV[1])
return 1
