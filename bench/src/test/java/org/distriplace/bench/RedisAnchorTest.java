package org.distriplace.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Redis reference: reading redis-benchmark's answer, and the real pipeline where Redis is installed. */
class RedisAnchorTest {

    /** What Redis 7.0's redis-benchmark --csv prints for one command (the command's own text may hold commas). */
    private static final String CSV = """
        "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
        "EVALSHA 362f 2 cooldown:__rand_int__ canvas __rand_int__ 5 300, again","69946.38","0.602","0.160","0.567","0.959","1.295","5.767"
        """;

    @Test
    void readsTheRateAndLatenciesByColumnName() {
        RedisAnchor.Result result = RedisAnchor.parse(CSV, 50, 300_000, "Redis server v=7.0.15");
        assertEquals(69_946.38, result.perSecond(), 1e-9);
        assertEquals(0.567, result.p50Ms(), 1e-9);
        assertEquals(1.295, result.p99Ms(), 1e-9);
        assertEquals(50, result.clients());
        assertEquals("Redis 7.0.15", RedisAnchor.versionOf("Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0"));
    }

    @Test
    void outputThatIsNotAResultIsRefusedSayingWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RedisAnchor.parse(
            "Error from server: NOSCRIPT", 50, 1, "")).getMessage().contains("no result"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RedisAnchor.parse(
            "\"test\",\"avg_latency_ms\"\n\"EVALSHA\",\"0.5\"", 50, 1, "")).getMessage().contains("rps"));
    }

    /** The pipeline itself: every placement runs the script, and the server is gone afterwards. */
    @Test
    void theSeedsPipelineRunsOnAPrivateRedisWhereInstalled(@TempDir Path dir) throws Exception {
        assumeTrue(RedisAnchor.missing().isEmpty(), "needs " + RedisAnchor.missing() + " (apt-get install "
            + "redis-server)");
        RedisAnchor.Result result = RedisAnchor.run(8, 20_000, dir);
        assertTrue(result.perSecond() > 0, "a rate: " + result);
        assertTrue(result.p99Ms() >= result.p50Ms(), result.toString());
        assertTrue(result.version().matches("Redis \\d+\\..*"), result.version());
    }

    /** The edges' anchor runs their own placement script: it would fail on any argument the script refuses. */
    @Test
    void theEdgesOwnScriptRunsOnAPrivateRedisWhereInstalled(@TempDir Path dir) throws Exception {
        assumeTrue(RedisAnchor.missing().isEmpty(), "needs " + RedisAnchor.missing() + " (apt-get install "
            + "redis-server)");
        RedisAnchor.Result result = RedisAnchor.runEdge(8, 20_000, dir);
        assertTrue(result.perSecond() > 0, "a rate: " + result);
        assertTrue(result.p99Ms() >= result.p50Ms(), result.toString());
    }
}
