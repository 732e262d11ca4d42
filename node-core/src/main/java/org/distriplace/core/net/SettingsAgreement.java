package org.distriplace.core.net;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's {@link ClusterSettings} at the handshake: sent in HELLO, checked by the acceptor against the dialer's,
 * and the peers that disagree, remembered until they connect, for {@code /readyz} to name. A node that sends no
 * settings (an older one) is not checked. Thread-safe (event loops of every connection use it).
 */
final class SettingsAgreement {

    /** How a DENIED for differing settings begins. */
    static final String REFUSAL = "cluster settings differ: ";

    private final ClusterSettings mine;
    private final Map<Integer, String> conflicts = new ConcurrentHashMap<>();

    /** @param mine null to send and check none */
    SettingsAgreement(ClusterSettings mine) {
        this.mine = mine;
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
        conflicts.put(dialer, reason);
        return Optional.of(reason);
    }

    /** {@code peer} refused this node for {@code reason}: remembered when it is about the settings. */
    void refusedBy(int peer, String reason) {
        if (reason.startsWith(REFUSAL)) {
            conflicts.put(peer, "node " + peer + " refused this node: " + reason);
        }
    }

    /** {@code peer} and this node agreed: any conflict with it is over. */
    void agreed(int peer) {
        conflicts.remove(peer);
    }

    /** Each peer this node disagrees with, and how. */
    Map<Integer, String> conflicts() {
        return new TreeMap<>(conflicts);
    }
}
