package org.distriplace.app.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The nodes of this node's cluster heard on the LAN lately, one per running instance: a node not heard for the
 * expiry is forgotten. Time is passed in. Thread-safe (receiving and showing happen on different threads).
 */
public final class NearbyNodes {

    /**
     * One node heard: its beacon, the address it was heard from, when, and whether it claims this node's own id
     * (a misconfiguration: ids must be unique in a cluster).
     */
    public record Nearby(Beacon beacon, String host, long lastHeardMs, boolean sameIdAsMine) {

        /** This node as a {@code --peers} entry. */
        public String peerEntry() {
            return beacon.nodeId() + "@" + host + ":" + beacon.peerPort();
        }

        public String browserUrl() {
            return "http://" + host + ":" + beacon.httpPort() + "/";
        }
    }

    private final Supplier<Beacon> own;
    private final long expiryMs;
    private final Map<String, Nearby> heard = new LinkedHashMap<>();

    public NearbyNodes(Beacon own, long expiryMs) {
        this(() -> own, expiryMs);
    }

    /** @param own this node's beacon as it is now (its node id changes when it joins another cluster) */
    public NearbyNodes(Supplier<Beacon> own, long expiryMs) {
        this.own = own;
        this.expiryMs = expiryMs;
    }

    /**
     * Records a beacon from {@code host}; one's own beacon (looped back) is ignored. Another node with this
     * node's id is kept, so the conflict can be shown. Returns whether it is new.
     */
    public synchronized boolean heard(Beacon beacon, String host, long nowMs) {
        Beacon mine = own.get();
        if (beacon.instance().equals(mine.instance())) {
            return false;
        }
        Nearby before = heard.put(beacon.instance(), new Nearby(beacon, host, nowMs,
            beacon.nodeId() == mine.nodeId()));
        return before == null || !before.beacon().equals(beacon);
    }

    /** The nodes heard within the expiry, by id. */
    public synchronized List<Nearby> current(long nowMs) {
        heard.values().removeIf(node -> nowMs - node.lastHeardMs() > expiryMs);
        List<Nearby> nodes = new ArrayList<>(heard.values());
        nodes.sort(Comparator.comparingInt((Nearby node) -> node.beacon().nodeId()).thenComparing(Nearby::host));
        return nodes;
    }
}
