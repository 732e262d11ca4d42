package org.distriplace.core.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports to give a node before it starts (the demo cluster, tests, benchmarks), where a node must know
 * its peers' ports before they bind them.
 *
 * <p>A port the kernel hands out for {@code bind(0)} comes from the ephemeral range, the same range outgoing
 * connections take their source ports from: between probing it and the node binding it, any connection (a peer
 * dialling a node not yet up, an HTTP poll) may take it, and the node then fails with "address already in use".
 * So ports are chosen below that range, where no connection ever takes one, at random (so concurrent runs rarely
 * meet), checked free by binding, and never handed out twice by this process.
 */
public final class LoopbackPorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 1_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private LoopbackPorts() {
    }

    /** A port free on 127.0.0.1 now, outside the ephemeral range, not handed out before by this process. */
    public static int next() {
        int below = ephemeralLow();
        for (int attempt = 0; attempt < ATTEMPTS && below > LOWEST; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (HANDED_OUT.add(port)) {
                if (bindable(port)) {
                    return port;
                }
            }
        }
        // No room below the range (an unusual kernel setting): let the kernel choose, as before.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HANDED_OUT.add(socket.getLocalPort());
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range (Linux's file; 32768, its default, elsewhere). */
    static int ephemeralLow() {
        try {
            // Not Files.readString: procfs reports a size of 0, and JDK 17 then reads only the first byte.
            String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
