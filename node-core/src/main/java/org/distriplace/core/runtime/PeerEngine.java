package org.distriplace.core.runtime;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.distriplace.core.engine.CanvasSettings;
import org.distriplace.core.engine.Engine;
import org.distriplace.core.engine.EngineStatus;
import org.distriplace.core.engine.PeerControls;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Membership;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.node.NodeReport;
import org.distriplace.core.node.PixelListener;
import org.distriplace.core.node.PlaceResult;
import org.distriplace.core.read.ReadView;

/**
 * A peer {@link Node} as the API sees it: the {@link Engine} every server offers, and the {@link PeerControls}
 * only a peer has. It adds what the node does not know of itself: how it names its configured peers and which
 * peers its transport refused for settings that differ.
 */
public final class PeerEngine implements Engine, PeerControls {

    private final Node node;
    private final Map<Integer, String> peerAddresses;
    private final Supplier<List<String>> conflicts;
    private final CanvasSettings settings;

    /**
     * @param peerAddresses how this node names its configured peers ({@code host:port})
     * @param conflicts     peers refused because their cluster-wide settings differ, each a sentence
     */
    public PeerEngine(Node node, Map<Integer, String> peerAddresses, Supplier<List<String>> conflicts) {
        this.node = node;
        this.peerAddresses = Map.copyOf(peerAddresses);
        this.conflicts = conflicts;
        NodeConfig config = node.config();
        this.settings = new CanvasSettings(config.width(), config.height(), config.palette(), config.cooldownMs());
    }

    /** A node with no configured peer addresses and no transport to ask (tests, single nodes). */
    public static PeerEngine of(Node node) {
        return new PeerEngine(node, Map.of(), List::of);
    }

    /** The node itself (the desktop app reads more of it than the API does). */
    public Node node() {
        return node;
    }

    @Override
    public int id() {
        return node.id();
    }

    @Override
    public CanvasSettings settings() {
        return settings;
    }

    @Override
    public CompletableFuture<PlaceResult> place(String user, int x, int y, Color color) {
        return node.place(user, x, y, color);
    }

    @Override
    public CompletableFuture<AccountEntry> changeAccount(AccountChange change) {
        return node.changeAccount(change);
    }

    @Override
    public ReadView view() {
        return node.view();
    }

    @Override
    public void addPixelListener(PixelListener listener) {
        node.addPixelListener(listener);
    }

    @Override
    public void removePixelListener(PixelListener listener) {
        node.removePixelListener(listener);
    }

    @Override
    public CompletableFuture<EngineStatus> status() {
        NodeConfig config = node.config();
        return node.report().thenApply(report -> new PeerStatus(report, config.address(), peerAddresses,
            conflicts.get(), new PeerStatus.Sharding(config.shardColumns(), config.shardRows(), config.replicas())));
    }

    @Override
    public CompletableFuture<NodeReport> report() {
        return node.report();
    }

    @Override
    public void pause() {
        node.pause();
    }

    @Override
    public void resume() {
        node.resume();
    }

    @Override
    public boolean isPaused() {
        return node.isPaused();
    }

    @Override
    public void cutOff(Set<Integer> peers) {
        node.cutOff(peers);
    }

    @Override
    public void degradeLink(int peer, int dropPercent, long delayMs) {
        node.degradeLink(peer, dropPercent, delayMs);
    }

    @Override
    public void healLinks() {
        node.healLinks();
    }

    @Override
    public Set<Integer> cutOffPeers() {
        return node.cutOffPeers();
    }

    @Override
    public Set<Integer> degradedPeers() {
        return node.degradedPeers();
    }

    @Override
    public CompletableFuture<Membership> removeMember(int target, long timeoutMs) {
        return node.removeMember(target, timeoutMs);
    }
}
