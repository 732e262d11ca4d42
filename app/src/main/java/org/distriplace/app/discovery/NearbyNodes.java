package org.distriplace.app.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes of this node's cluster heard on the LAN lately, keyed by id: a node not heard for the expiry is
 * forgotten. Time is passed in. Thread-safe (receiving and showing happen on different threads).
 */
public final class NearbyNodes {

    /** One node heard: its beacon, the address it was heard from, and when. */
    public record Nearby(Beacon beacon, String host, long lastHeardMs) {

        /** This node as a {@code --peers} entry. */
        public String peerEntry() {
            return beacon.nodeId() + "@" + host + ":" + beacon.peerPort();
        }

        public String browserUrl() {
            return "http://" + host + ":" + beacon.httpPort() + "/";
        }
    }

    private final int self;
    private final long expiryMs;
    private final Map<Integer, Nearby> heard = new LinkedHashMap<>();

    public NearbyNodes(int self, long expiryMs) {
        this.self = self;
        this.expiryMs = expiryMs;
    }

    /** Records a beacon from {@code host}; one's own beacon (looped back) is ignored. Returns whether it is new. */
    public synchronized boolean heard(Beacon beacon, String host, long nowMs) {
        if (beacon.nodeId() == self) {
            return false;
        }
        Nearby before = heard.put(beacon.nodeId(), new Nearby(beacon, host, nowMs));
        return before == null || !before.host().equals(host) || !before.beacon().equals(beacon);
    }

    /** The nodes heard within the expiry, by id. */
    public synchronized List<Nearby> current(long nowMs) {
        heard.values().removeIf(node -> nowMs - node.lastHeardMs() > expiryMs);
        List<Nearby> nodes = new ArrayList<>(heard.values());
        nodes.sort(Comparator.comparingInt(node -> node.beacon().nodeId()));
        return nodes;
    }
}
