package org.distriplace.core.api;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Something remembered per client address (a session budget, a token bucket), for at most {@link #CAPACITY}
 * addresses: the one not seen the longest is forgotten first, so no stream of addresses grows it without end.
 * Thread-safe: each use of an entry runs under the table's lock.
 *
 * @param <V> what is kept per address (mutable, changed only inside {@link #apply})
 */
final class AddressTable<V> {

    static final int CAPACITY = 10_000;

    private final Map<String, V> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Runs {@code use} on {@code remote}'s entry ({@code fresh} for an address not remembered); returns its answer. */
    <R> R apply(SocketAddress remote, Supplier<V> fresh, Function<V, R> use) {
        synchronized (entries) {
            return use.apply(entries.computeIfAbsent(host(remote), address -> fresh.get()));
        }
    }

    /** The address's host, as text (the IP address for an internet socket). */
    static String host(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(remote);
    }
}
