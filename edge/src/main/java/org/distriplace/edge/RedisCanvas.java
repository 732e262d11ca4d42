package org.distriplace.edge;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The live canvas in Redis (seed 2's data model): the placement script, the bands an edge's mirror starts from,
 * the outboxes of placements not yet known to be logged, and the rebuilt bands after Redis lost everything.
 * Thread-safe (a pool of connections); every call blocks on Redis, so none runs on an event loop.
 */
public final class RedisCanvas implements AutoCloseable {

    /** What a placement came to. */
    public sealed interface Outcome {
    }

    /** Placed, as Redis ordered it. */
    public record Placed(Placement placement) implements Outcome {
    }

    /** The player placed less than a cooldown ago: this many milliseconds are left. */
    public record CoolingDown(long remainingMs) implements Outcome {
    }

    /** The band is missing: Redis lost the canvas, which must be rebuilt from the log first. */
    public record CanvasMissing() implements Outcome {
    }

    /** A placement asked for: who, where, which palette colour, through which edge. */
    public record Request(String user, int x, int y, int color, int edge) {
    }

    /** A band's pixels with the number of the last placement they hold. */
    public record Band(byte[] pixels, long seq) {
    }

    private final UnifiedJedis redis;
    private final CanvasBands bands;
    /** A Redis Cluster: the player's cooldown lives in another slot than the band, so it is its own step. */
    private final boolean cluster;

    public RedisCanvas(UnifiedJedis redis, CanvasBands bands) {
        this.redis = redis;
        this.bands = bands;
        this.cluster = redis instanceof RedisClusterClient;
    }

    /** A client of one Redis ({@code redis://host:port}), or of a Redis Cluster when several nodes are named. */
    public static UnifiedJedis connect(List<URI> nodes, int poolSize) {
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder().timeoutMillis(2000).build();
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMaxWait(java.time.Duration.ofSeconds(2));
        if (nodes.size() == 1) {
            return RedisClient.builder().fromURI(nodes.get(0)).clientConfig(config).poolConfig(pool).build();
        }
        Set<HostAndPort> seeds = nodes.stream().map(node -> new HostAndPort(node.getHost(), node.getPort()))
            .collect(Collectors.toSet());
        return RedisClusterClient.builder().nodes(seeds).clientConfig(config).poolConfig(pool).build();
    }

    public UnifiedJedis redis() {
        return redis;
    }

    public CanvasBands bands() {
        return bands;
    }

    /**
     * Places each of {@code requests}, in order, each atomically: the cooldown, the byte, the band's order, the
     * outbox and the publish (place.lua). On one Redis, all in a single round trip (pipelined: each still its own
     * script, in this order); on a cluster one after another, each player's cooldown taken first ({@code SET NX PX}
     * in its slot), then the band's step, the cooldown given back if the band is missing.
     */
    public List<Outcome> placeAll(List<Request> requests, long cooldownMs) {
        if (cluster || requests.size() == 1) {
            return requests.stream().map(request -> place(request, cooldownMs)).toList();
        }
        byte[] sha = RedisScripts.PLACE.load(redis, bands.channel());
        List<redis.clients.jedis.Response<Object>> replies = new ArrayList<>(requests.size());
        try (redis.clients.jedis.AbstractPipeline pipeline = redis.pipelined()) {
            for (Request request : requests) {
                replies.add(pipeline.evalsha(sha, keys(request), args(request, cooldownMs)));
            }
            pipeline.sync();
        }
        List<Outcome> outcomes = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            try {
                outcomes.add(outcome(requests.get(i), (List<?>) replies.get(i).get()));
            } catch (redis.clients.jedis.exceptions.JedisNoScriptException forgotten) {
                // Redis restarted since the script was loaded: nothing of this one ran; run it alone (loads it).
                RedisScripts.PLACE.forget();
                outcomes.add(place(requests.get(i), cooldownMs));
            }
        }
        return outcomes;
    }

    private List<byte[]> keys(Request request) {
        int band = bands.bandOf(request.y());
        // On a cluster every key of the script is the band's (the clock stands in for the cooldown it skips).
        return List.of(cluster ? bands.clockKey(band) : bands.cooldownKey(request.user()), bands.canvasKey(band),
            bands.clockKey(band), bands.outboxKey(band), bands.outboxTimesKey(band));
    }

    private List<byte[]> args(Request request, long cooldownMs) {
        int band = bands.bandOf(request.y());
        return List.of(RedisScripts.bytes(cluster ? 0 : cooldownMs),
            RedisScripts.bytes(bands.offset(request.x(), request.y())), new byte[] {(byte) request.color()},
            Placement.tail(band, request.x(), request.y(), request.color(), request.edge(), request.user())
                .getBytes(StandardCharsets.UTF_8), bands.channel());
    }

    private Outcome outcome(Request request, List<?> reply) {
        long kind = (Long) reply.get(0);
        if (kind < 0) {
            return new CanvasMissing();
        }
        if (kind == 0) {
            return new CoolingDown(Math.max(1, (Long) reply.get(1)));
        }
        return new Placed(new Placement(bands.bandOf(request.y()), (Long) reply.get(1), (Long) reply.get(2),
            (Long) reply.get(3), request.x(), request.y(), request.color(), request.edge(), request.user()));
    }

    /** One placement alone (see {@link #placeAll}). */
    private Outcome place(Request request, long cooldownMs) {
        String user = request.user();
        boolean apart = cluster && cooldownMs > 0;
        if (apart && !"OK".equals(redis.set(bands.cooldownKey(user), RedisScripts.bytes(1),
            SetParams.setParams().nx().px(cooldownMs)))) {
            return new CoolingDown(Math.max(1, redis.pttl(bands.cooldownKey(user))));
        }
        Outcome outcome = outcome(request, (List<?>) RedisScripts.PLACE.run(redis, keys(request),
            args(request, cooldownMs)));
        if (apart && outcome instanceof CanvasMissing) {
            redis.del(bands.cooldownKey(user));
        }
        return outcome;
    }

    /** Band {@code band} now, or null pixels if Redis does not hold it. */
    public Band band(int band) {
        List<?> reply = (List<?>) RedisScripts.BAND.run(redis, List.of(bands.canvasKey(band), bands.clockKey(band)),
            List.of());
        Object pixels = reply.get(0);
        return new Band(pixels instanceof byte[] held ? held : null, (Long) reply.get(1));
    }

    /** Whether Redis holds every band (it does not after it restarted empty, until the canvas is rebuilt). */
    public boolean whole() {
        for (int band = 0; band < bands.count(); band++) {
            if (!redis.exists(bands.canvasKey(band))) {
                return false;
            }
        }
        return true;
    }

    /** The log has these placements of {@code band}: they leave its outbox. */
    public void logged(int band, List<Long> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        List<byte[]> args = new ArrayList<>(seqs.size());
        seqs.forEach(seq -> args.add(RedisScripts.bytes(seq)));
        RedisScripts.LOGGED.run(redis, List.of(bands.outboxKey(band), bands.outboxTimesKey(band)), args);
    }

    /** Up to {@code limit} placements of {@code band} still in its outbox, placed at or before {@code beforeMs}. */
    public List<Placement> outbox(int band, long beforeMs, int limit) {
        List<byte[]> seqs = redis.zrangeByScore(bands.outboxTimesKey(band), 0, beforeMs, 0, limit);
        if (seqs.isEmpty()) {
            return List.of();
        }
        List<Placement> found = new ArrayList<>();
        for (byte[] record : redis.hmget(bands.outboxKey(band), seqs.toArray(new byte[0][]))) {
            if (record != null) {
                Placement.decode(record).ifPresent(found::add);
            }
        }
        return found;
    }

    /** Redis' clock, in milliseconds (the clock placements are stamped with). */
    public long timeMs() {
        // A sample key routes it on a cluster (any node's clock will do: they are one machine's, or NTP's).
        List<?> time = (List<?>) redis.eval("local t = redis.call('TIME') return {tonumber(t[1]), tonumber(t[2])}",
            bands.rebuildLock());
        return (Long) time.get(0) * 1000 + (Long) time.get(1) / 1000;
    }

    /** Writes a rebuilt band: its clock and sequence, then its pixels (restore.lua). */
    public void restore(int band, byte[] pixels, long ms, long logical, long seq) {
        RedisScripts.RESTORE.run(redis, List.of(bands.canvasKey(band), bands.clockKey(band)),
            List.of(pixels, RedisScripts.bytes(ms), RedisScripts.bytes(logical), RedisScripts.bytes(seq)));
    }

    /** Puts {@code user} in cooldown for {@code remainingMs} more (their placements were rebuilt from the log). */
    public void cooldown(String user, long remainingMs) {
        redis.set(bands.cooldownKey(user), RedisScripts.bytes(1), SetParams.setParams().px(remainingMs));
    }

    /** Takes lock {@code name} for {@code ttlMs} if nobody holds it; whether this call took it. */
    public boolean tryLock(String name, String owner, long ttlMs) {
        return "OK".equals(redis.set(name, owner, SetParams.setParams().nx().px(ttlMs)));
    }

    /** Keeps lock {@code name} for {@code ttlMs} more if {@code owner} still holds it. */
    public boolean renewLock(String name, String owner, long ttlMs) {
        Object renewed = redis.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then "
            + "return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end", List.of(name),
            List.of(owner, Long.toString(ttlMs)));
        return Long.valueOf(1).equals(renewed);
    }

    /** Releases lock {@code name} if {@code owner} holds it. */
    public void unlock(String name, String owner) {
        redis.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end",
            List.of(name), List.of(owner));
    }

    @Override
    public void close() {
        redis.close();
    }
}
