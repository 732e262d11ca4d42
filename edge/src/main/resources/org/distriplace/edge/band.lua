-- A band as it is now, with the sequence number of its last placement, read at one instant (an edge's mirror
-- starts from it and applies the published placements numbered after it).
-- KEYS: 1 the band's canvas, 2 its clock. Returns {canvas or false, seq}.
local canvas = redis.call('GET', KEYS[1])
local seq = redis.call('HGET', KEYS[2], 'seq')
return {canvas, tonumber(seq) or 0}
