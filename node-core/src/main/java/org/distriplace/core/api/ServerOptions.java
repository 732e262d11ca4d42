package org.distriplace.core.api;

import java.util.Set;

/**
 * How a node's HTTP/WebSocket server runs, and the limits it holds strangers to. Every limit is settable (the
 * {@code node} command's options) and answered, when reached, with {@code 429} or a close saying why. The defaults
 * suit a LAN party (many players, each on a machine of their own, or a few dozen behind one NAT address) and a node
 * open to the internet alike.
 *
 * @param maxBodyBytes             the largest request body
 * @param maxWebSocketFrameBytes   the largest WebSocket frame a client may send
 * @param tickMs                   how often live updates go out
 * @param maxConnectionsPerAddress connections one address may hold open
 * @param idleSeconds              a connection the node hears nothing on for this long is closed
 * @param requestSeconds           a request must arrive whole (headers and body) this soon after it starts
 * @param clientBacklogBytes       bytes a WebSocket client may have waiting before it is disconnected
 * @param sessionsPerHour          new guest sessions offered to one address per hour
 * @param placementsPerSecond      placements one address may make per second, across its sessions (twice that in
 *                                 a burst)
 * @param loginsPerMinute          login and registration attempts one address may make per minute (twice that in a
 *                                 burst)
 * @param moderators               the accounts that may ban, unban and roll back
 * @param trustedProxies           addresses of the proxies in front of the server (nginx, a load balancer): from
 *                                 them, the client is the address {@code X-Forwarded-For} names, so per-address
 *                                 limits still see players; from anyone else that header is ignored
 */
public record ServerOptions(int maxBodyBytes, int maxWebSocketFrameBytes, long tickMs, int maxConnectionsPerAddress,
                            int idleSeconds, int requestSeconds, int clientBacklogBytes, int sessionsPerHour,
                            int placementsPerSecond, int loginsPerMinute, Set<String> moderators,
                            Set<String> trustedProxies) {

    /**
     * Connections one address may hold open: a player's browser takes a handful; a LAN party behind one NAT
     * address, a few per player.
     */
    public static final int DEFAULT_CONNECTIONS_PER_ADDRESS = 256;

    /** A connection the node hears nothing on for this long is closed (browsers ping every 20 s). */
    public static final int DEFAULT_IDLE_SECONDS = 60;

    /** A request trickled in slower than this (slowloris) is answered 408 and closed. */
    public static final int DEFAULT_REQUEST_SECONDS = 10;

    /**
     * Bytes a client may have waiting for it: at a busy party's few hundred placements a second, some seconds of
     * pixel frames, so a reader on a poor link keeps up and one that stops reading costs at most this.
     */
    public static final int DEFAULT_CLIENT_BACKLOG_BYTES = 1 << 20;

    /** Below this, a reader on any link would be cut off at the first busy moment. */
    public static final int MIN_CLIENT_BACKLOG_BYTES = 16 * 1024;

    /** A household or a classroom behind one address loads the page this often in an hour; a bot, more. */
    public static final int DEFAULT_SESSIONS_PER_HOUR = 30;

    /** Dozens of players behind one address, each under the cooldown, stay far below this. */
    public static final int DEFAULT_PLACEMENTS_PER_SECOND = 20;

    /**
     * A player who mistypes a password tries a few times a minute; guessing one takes millions of tries. A LAN party
     * behind one address, logging in all at once, fits in the burst of twice this.
     */
    public static final int DEFAULT_LOGINS_PER_MINUTE = 30;

    public ServerOptions {
        atLeast(maxConnectionsPerAddress, 1, "connections per address must be at least 1");
        atLeast(idleSeconds, 1, "the idle timeout must be at least 1 s");
        atLeast(requestSeconds, 1, "the request timeout must be at least 1 s");
        atLeast(clientBacklogBytes, MIN_CLIENT_BACKLOG_BYTES, "a client's backlog must be at least "
            + MIN_CLIENT_BACKLOG_BYTES / 1024 + " KiB");
        atLeast(sessionsPerHour, 1, "new sessions per address per hour must be at least 1");
        atLeast(placementsPerSecond, 1, "placements per address per second must be at least 1");
        atLeast(loginsPerMinute, 1, "logins per address per minute must be at least 1");
        moderators = Set.copyOf(moderators);
        trustedProxies = ClientAddress.literals(trustedProxies);
        for (String name : moderators) {
            if (!AccountTokens.NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a moderator is an account name, 3 to 24 of a-z 0-9 _, not '"
                    + name + "'");
            }
        }
    }

    private static void atLeast(long value, long least, String rule) {
        if (value < least) {
            throw new IllegalArgumentException(rule + ", not " + value);
        }
    }

    /** Bodies and frames up to the given sizes, live updates every {@code tickMs}; every limit at its default. */
    public ServerOptions(int maxBodyBytes, int maxWebSocketFrameBytes, long tickMs) {
        this(maxBodyBytes, maxWebSocketFrameBytes, tickMs, DEFAULT_CONNECTIONS_PER_ADDRESS, DEFAULT_IDLE_SECONDS,
            DEFAULT_REQUEST_SECONDS, DEFAULT_CLIENT_BACKLOG_BYTES, DEFAULT_SESSIONS_PER_HOUR,
            DEFAULT_PLACEMENTS_PER_SECOND, DEFAULT_LOGINS_PER_MINUTE, Set.of(), Set.of());
    }

    /** 64 KiB bodies and frames; live updates every 50 ms; every limit at its default. */
    public static ServerOptions defaults() {
        return new ServerOptions(64 * 1024, 64 * 1024, 50);
    }

    public ServerOptions withMaxConnectionsPerAddress(int max) {
        return new ServerOptions(maxBodyBytes, maxWebSocketFrameBytes, tickMs, max,
            idleSeconds, requestSeconds, clientBacklogBytes, sessionsPerHour,
            placementsPerSecond, loginsPerMinute, moderators, trustedProxies);
    }

    public ServerOptions withIdleSeconds(int seconds) {
        return new ServerOptions(maxBodyBytes, maxWebSocketFrameBytes, tickMs, maxConnectionsPerAddress,
            seconds, requestSeconds, clientBacklogBytes, sessionsPerHour,
            placementsPerSecond, loginsPerMinute, moderators, trustedProxies);
    }

    public ServerOptions withRequestSeconds(int seconds) {
        return new ServerOptions(maxBodyBytes, maxWebSocketFrameBytes, tickMs, maxConnectionsPerAddress,
            idleSeconds, seconds, clientBacklogBytes, sessionsPerHour,
            placementsPerSecond, loginsPerMinute, moderators, trustedProxies);
    }

    public ServerOptions withClientBacklogBytes(int bytes) {
        return new ServerOptions(maxBodyBytes, maxWebSocketFrameBytes, tickMs, maxConnectionsPerAddress,
            idleSeconds, requestSeconds, bytes, sessionsPerHour,
            placementsPerSecond, loginsPerMinute, moderators, trustedProxies);
    }

    public ServerOptions withSessionsPerHour(int sessions) {
        return new ServerOptions(maxBodyBytes, maxWebSocketFrameBytes, tickMs, maxConnectionsPerAddress,
            idleSeconds, requestSeconds, clientBacklogBytes, sessions,
            placementsPerSecond, loginsPerMinute, moderators, trustedProxies);
    }

    public ServerOptions withPlacementsPerSecond(int placements) {
        return new ServerOptions(maxBodyBytes, maxWebSocketFrameBytes, tickMs, maxConnectionsPerAddress,
            idleSeconds, requestSeconds, clientBacklogBytes, sessionsPerHour,
            placements, loginsPerMinute, moderators, trustedProxies);
    }

    public ServerOptions withLoginsPerMinute(int logins) {
        return new ServerOptions(maxBodyBytes, maxWebSocketFrameBytes, tickMs, maxConnectionsPerAddress,
            idleSeconds, requestSeconds, clientBacklogBytes, sessionsPerHour,
            placementsPerSecond, logins, moderators, trustedProxies);
    }

    public ServerOptions withModerators(Set<String> names) {
        return new ServerOptions(maxBodyBytes, maxWebSocketFrameBytes, tickMs, maxConnectionsPerAddress,
            idleSeconds, requestSeconds, clientBacklogBytes, sessionsPerHour,
            placementsPerSecond, loginsPerMinute, names, trustedProxies);
    }

    public ServerOptions withTrustedProxies(Set<String> addresses) {
        return new ServerOptions(maxBodyBytes, maxWebSocketFrameBytes, tickMs, maxConnectionsPerAddress,
            idleSeconds, requestSeconds, clientBacklogBytes, sessionsPerHour,
            placementsPerSecond, loginsPerMinute, moderators, addresses);
    }
}
