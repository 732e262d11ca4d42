package org.distriplace.core.net;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * This node's {@link ClusterSettings} at the handshake: sent in HELLO, checked by the acceptor against the dialer's,
 * and the peers that disagree, remembered until they connect, for {@code /readyz} to name. A node that sends no
 * settings (an older one) is not checked. Thread-safe (event loops of every connection use it).
 */
final class SettingsAgreement {

    /** How a DENIED for differing settings begins. */
    static final String REFUSAL = "cluster settings differ: ";

    /** A conflict not heard again for this long is forgotten: the peer left, was removed, or went for good. */
    static final long FORGET_AFTER_MS = 30_000;
    private static final int MAX_REASON = 1_000;

    private final ClusterSettings mine;
    private final LongSupplier clock;
    /** Per peer: how it differs, and when that was last heard (the clock's time). */
    private final Map<Integer, Map.Entry<String, Long>> conflicts = new ConcurrentHashMap<>();

    /** @param mine null to send and check none */
    SettingsAgreement(ClusterSettings mine) {
        this(mine, System::currentTimeMillis);
    }

    SettingsAgreement(ClusterSettings mine, LongSupplier clock) {
        this.mine = mine;
        this.clock = clock;
    }

    /** At most {@value #MAX_REASON} printable characters of a peer's words, for logs and {@code /readyz}. */
    static String printable(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= MAX_REASON ? clean : clean.substring(0, MAX_REASON) + "…";
    }

    ClusterSettings mine() {
        return mine;
    }

    /** The reason to refuse {@code dialer}, whose HELLO is {@code hello}, if its settings differ from these. */
    Optional<String> refusal(int dialer, JsonNode hello) {
        Optional<ClusterSettings> theirs = ClusterSettings.fromJson(hello.get("settings"));
        if (mine == null || theirs.isEmpty()) {
            return Optional.empty();
        }
        List<String> differences = mine.differences(theirs.get(), dialer);
        if (differences.isEmpty()) {
            return Optional.empty();
        }
        String reason = REFUSAL + String.join("; ", differences) + " (" + ClusterSettings.ADVICE + ")";
        conflicts.put(dialer, Map.entry(reason, clock.getAsLong()));
        return Optional.of(reason);
    }

    /** {@code peer}, proven to hold the secret, refused this node for {@code reason}: kept if about the settings. */
    void refusedBy(int peer, String reason) {
        if (reason.startsWith(REFUSAL)) {
            conflicts.put(peer, Map.entry("node " + peer + " refused this node: " + printable(reason),
                clock.getAsLong()));
        }
    }

    /** {@code peer} and this node agreed: any conflict with it is over. */
    void agreed(int peer) {
        conflicts.remove(peer);
    }

    /** Each peer this node disagrees with, and how; peers not heard of for {@link #FORGET_AFTER_MS} drop out. */
    Map<Integer, String> conflicts() {
        long now = clock.getAsLong();
        conflicts.values().removeIf(conflict -> now - conflict.getValue() > FORGET_AFTER_MS);
        Map<Integer, String> current = new TreeMap<>();
        conflicts.forEach((peer, conflict) -> current.put(peer, conflict.getKey()));
        return current;
    }
}
