package org.distriplace.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.distriplace.core.api.ServerOptions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The limits of an HTTP/WebSocket server, node or edge alike: connections, timeouts, backlogs, what one address may
 * do, and who moderates.
 */
final class ServerLimitOptions {

    @Option(names = "--max-connections-per-address", paramLabel = "N", defaultValue = "256", description = "HTTP "
        + "and WebSocket connections one address may hold open; more are answered 429 and closed (default: "
        + "${DEFAULT-VALUE}: a LAN party behind one NAT address still fits).")
    int connectionsPerAddress;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "60", description = "A connection "
        + "the server hears nothing on for this long is closed (default: ${DEFAULT-VALUE}; the browser page pings "
        + "every 20 s; inspectors are never cut off).")
    int idleSeconds;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "10", description = "An HTTP "
        + "request must arrive whole (headers and body) this soon after its first byte, or it is answered 408 and "
        + "closed: a client trickling bytes (slowloris) holds nothing long; a kept-alive connection silent this long "
        + "after an answer is closed (default: ${DEFAULT-VALUE}).")
    int requestSeconds;

    @Option(names = "--client-backlog", paramLabel = "KIB", defaultValue = "1024", description = "Kibibytes a "
        + "WebSocket client may have waiting for it; a client further behind (one that stopped reading) is "
        + "disconnected and reconnects to a fresh canvas (default: ${DEFAULT-VALUE}, at least 16).")
    int clientBacklogKib;

    @Option(names = "--guest-sessions-per-hour", paramLabel = "N", defaultValue = "30", description = "New guest "
        + "sessions offered to one address per hour; a client that throws its cookie away gets no more, and paints "
        + "as its address (default: ${DEFAULT-VALUE}).")
    int sessionsPerHour;

    @Option(names = "--placements-per-second", paramLabel = "N", defaultValue = "20", description = "Placements "
        + "one address may make per second across all its players (twice that in a burst); more are answered 429 "
        + "RATE_LIMITED (default: ${DEFAULT-VALUE}).")
    int placementsPerSecond;

    @Option(names = "--logins-per-minute", paramLabel = "N", defaultValue = "30", description = "Login and "
        + "registration attempts one address may make per minute (twice that in a burst); more are answered 429 "
        + "RATE_LIMITED (default: ${DEFAULT-VALUE}).")
    int loginsPerMinute;

    @Option(names = "--moderators", paramLabel = "NAME[,NAME...]", split = ",", description = "Accounts that may "
        + "ban, unban and roll back players (from the browser, the desktop app or `distri-place mod`); none by "
        + "default.")
    List<String> moderators = new ArrayList<>();

    @Option(names = "--trusted-proxies", paramLabel = "ADDRESS[,ADDRESS...]", split = ",", description = "The "
        + "proxies in front of this server (nginx, a load balancer), as IP addresses: from them the client is the "
        + "address X-Forwarded-For names, so the limits per address still see players; from anyone else that "
        + "header is ignored (default: none).")
    List<String> trustedProxies = new ArrayList<>();

    /** The server's limits; one out of range is a usage error naming its option. */
    ServerOptions serverOptions(CommandLine command) {
        ServerOptions limits = ServerOptions.defaults();
        limits = limit(command, limits, "--max-connections-per-address", l -> l.withMaxConnectionsPerAddress(
            connectionsPerAddress));
        limits = limit(command, limits, "--idle-timeout", l -> l.withIdleSeconds(idleSeconds));
        limits = limit(command, limits, "--request-timeout", l -> l.withRequestSeconds(requestSeconds));
        limits = limit(command, limits, "--guest-sessions-per-hour", l -> l.withSessionsPerHour(sessionsPerHour));
        limits = limit(command, limits, "--placements-per-second",
            l -> l.withPlacementsPerSecond(placementsPerSecond));
        limits = limit(command, limits, "--logins-per-minute", l -> l.withLoginsPerMinute(loginsPerMinute));
        limits = limit(command, limits, "--moderators", l -> l.withModerators(Set.copyOf(moderators)));
        limits = limit(command, limits, "--trusted-proxies", l -> l.withTrustedProxies(Set.copyOf(trustedProxies)));
        return limit(command, limits, "--client-backlog", l -> l.withClientBacklogBytes((int) Math.min(
            Integer.MAX_VALUE, clientBacklogKib * 1024L)));
    }

    private static ServerOptions limit(CommandLine command, ServerOptions limits, String option,
                                       UnaryOperator<ServerOptions> set) {
        try {
            return set.apply(limits);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command, option + ": " + e.getMessage());
        }
    }
}
