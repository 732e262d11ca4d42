-- The log has these placements of one band: they leave its outbox.
-- KEYS: 1 the band's outbox, 2 its outbox by time. ARGV: their sequence numbers.
redis.call('HDEL', KEYS[1], unpack(ARGV))
redis.call('ZREM', KEYS[2], unpack(ARGV))
return #ARGV
