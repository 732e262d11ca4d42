package org.distriplace.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A cluster configuration: the member ids (with the peer address each listens on) and a version that rises by one
 * with every change. Changes are agreed through two-phase commit like pixel batches, one node added or removed per
 * change, so a majority of the old members and a majority of the new always share a node (see docs/protocol.md).
 *
 * @param version rises by one per change; a node adopts a committed configuration only if it is newer
 * @param peers   member id to its peer address ({@code host:port}; empty where the transport needs none)
 */
public record Membership(long version, SortedMap<Integer, String> peers) {

    public Membership {
        if (version < 0) {
            throw new IllegalArgumentException("configuration version " + version);
        }
        peers = Collections.unmodifiableSortedMap(new TreeMap<>(peers));
        if (peers.isEmpty() || peers.keySet().stream().anyMatch(id -> id < 1)) {
            throw new IllegalArgumentException("a configuration names at least one positive node id: " + peers);
        }
    }

    /** The fixed configuration a cluster starts from ({@code --peers}): version 0, no addresses. */
    public static Membership initial(List<Integer> members) {
        SortedMap<Integer, String> peers = new TreeMap<>();
        members.forEach(id -> peers.put(id, ""));
        return new Membership(0, peers);
    }

    /** Member ids, ascending. */
    public List<Integer> members() {
        return new ArrayList<>(peers.keySet());
    }

    public boolean contains(int nodeId) {
        return peers.containsKey(nodeId);
    }

    public int size() {
        return peers.size();
    }

    /** Votes a decision needs from these members: a strict majority. */
    public int quorum() {
        return peers.size() / 2 + 1;
    }

    /** The next configuration: this one with {@code nodeId} added (or its address updated). */
    public Membership with(int nodeId, String address) {
        SortedMap<Integer, String> next = new TreeMap<>(peers);
        next.put(nodeId, address);
        return new Membership(version + 1, next);
    }

    /** The next configuration: this one without {@code nodeId}, which must be a member and not the last one. */
    public Membership without(int nodeId) {
        if (!contains(nodeId) || peers.size() == 1) {
            throw new IllegalArgumentException("cannot remove node " + nodeId + " from " + members());
        }
        SortedMap<Integer, String> next = new TreeMap<>(peers);
        next.remove(nodeId);
        return new Membership(version + 1, next);
    }

    /** True when {@code next} is this configuration with exactly one node added or removed. */
    public boolean differsByOneFrom(Membership next) {
        List<Integer> mine = members();
        List<Integer> theirs = next.members();
        if (Math.abs(mine.size() - theirs.size()) != 1) {
            return false;
        }
        return mine.size() < theirs.size() ? theirs.containsAll(mine) : mine.containsAll(theirs);
    }

    /** The newer of two configurations (this one when their versions are equal). */
    public Membership newer(Membership other) {
        return other != null && other.version > version ? other : this;
    }

    /** {@code version;id=address,id=address}: how stores keep it. */
    public String encode() {
        StringBuilder out = new StringBuilder().append(version).append(';');
        peers.forEach((id, address) -> out.append(id).append('=').append(address).append(','));
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /** Reads {@link #encode()}'s form. */
    public static Membership decode(String text) {
        int split = text.indexOf(';');
        if (split < 0) {
            throw new IllegalArgumentException("not a configuration: " + text);
        }
        SortedMap<Integer, String> peers = new TreeMap<>();
        for (String entry : text.substring(split + 1).split(",")) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not a configuration entry: " + entry);
            }
            peers.put(Integer.parseInt(entry.substring(0, eq)), entry.substring(eq + 1));
        }
        return new Membership(Long.parseLong(text.substring(0, split)), peers);
    }
}
