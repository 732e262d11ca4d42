package org.distriplace.inspector.feed;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The remote nodes one inspector watches, all feeding its single inbox, so their events meet in one model: one
 * teacher's screen showing every machine of a LAN cluster.
 */
public final class RemoteNodes implements AutoCloseable {

    private final EventInbox inbox;
    private final String usualSecret;
    private final List<RemoteNode> watched = new CopyOnWriteArrayList<>();

    /** @param usualSecret the secret the form offers first (the local node's own), or "" */
    public RemoteNodes(EventInbox inbox, String usualSecret) {
        this.inbox = inbox;
        this.usualSecret = usualSecret;
    }

    public String usualSecret() {
        return usualSecret;
    }

    /**
     * Starts watching one more node.
     *
     * @throws IllegalArgumentException for an address that is not {@code host:port}, an empty secret, or a node
     *                                  already watched
     */
    public RemoteNode watch(String address, String secret) {
        if (watched.stream().anyMatch(node -> node.address().equalsIgnoreCase(address.trim()))) {
            throw new IllegalArgumentException(address.trim() + " is watched already");
        }
        RemoteNode node = RemoteNode.watch(address, secret, inbox);
        watched.add(node);
        return node;
    }

    /** Stops watching one node. */
    public void stop(RemoteNode node) {
        watched.remove(node);
        node.close();
    }

    public List<RemoteNode> watched() {
        return List.copyOf(watched);
    }

    @Override
    public void close() {
        watched.forEach(RemoteNode::close);
        watched.clear();
    }
}
