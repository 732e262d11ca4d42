package org.distriplace.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The edge's Lua scripts, run by their SHA1 (EVALSHA) and loaded again when Redis has forgotten them (it restarted):
 * each travels once per Redis, not with every placement.
 */
final class RedisScripts {

    /** One script: its source and its digest. */
    static final class Script {
        private final byte[] source;
        private volatile byte[] sha;

        private Script(String name) {
            try (InputStream in = RedisScripts.class.getResourceAsStream(name + ".lua")) {
                if (in == null) {
                    throw new IllegalStateException("script " + name + ".lua is missing");
                }
                this.source = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Its digest, loading it into Redis first if this process has not yet (or Redis forgot it). */
        byte[] load(UnifiedJedis redis, byte[] sampleKey) {
            byte[] digest = sha;
            if (digest == null) {
                digest = redis.scriptLoad(source, sampleKey);
                sha = digest;
            }
            return digest;
        }

        /** Forgets the digest: Redis said it does not know the script (it restarted), so it is loaded again. */
        void forget() {
            sha = null;
        }

        /** Runs it with {@code keys} and {@code args}; the first key chooses the node of a cluster. */
        Object run(UnifiedJedis redis, List<byte[]> keys, List<byte[]> args) {
            byte[] digest = sha;
            if (digest != null) {
                try {
                    return redis.evalsha(digest, keys, args);
                } catch (JedisNoScriptException forgotten) {
                    // Redis restarted (or its scripts were flushed): load it again below.
                }
            }
            sha = redis.scriptLoad(source, keys.get(0));
            return redis.evalsha(sha, keys, args);
        }
    }

    static final Script PLACE = new Script("place");
    static final Script BAND = new Script("band");
    static final Script LOGGED = new Script("logged");
    static final Script RESTORE = new Script("restore");

    private RedisScripts() {
    }

    static byte[] bytes(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
}
