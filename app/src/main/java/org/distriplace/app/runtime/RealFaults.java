package org.distriplace.app.runtime;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.distriplace.core.fault.LinkConditions;
import org.distriplace.core.runtime.LinkFaults;
import org.distriplace.core.runtime.Node;
import org.distriplace.inspector.feed.FaultControls;

/**
 * The inspector's fault panel on real nodes running in this process: each link fault and partition is applied to
 * the {@link LinkFaults} of whichever end runs here (the sender's, else the receiver's), so it works both for a
 * whole loopback cluster and for the desktop app's one node among peers on other machines. Killing and restarting
 * needs a {@link Lifecycle}; without one, the panel cannot kill. Thread-safe.
 */
public final class RealFaults implements FaultControls {

    /** Kills and restarts the nodes of this process (a demo cluster). */
    public interface Lifecycle {
        boolean isRunning(int node);

        void kill(int node);

        void restart(int node);
    }

    private record Link(int from, int to) {
    }

    private final Supplier<List<Integer>> members;
    private final IntFunction<Optional<Node>> local;
    private final Lifecycle lifecycle;
    private final Map<Link, LinkConditions> links = new ConcurrentHashMap<>();
    private volatile List<Set<Integer>> groups = List.of();

    /**
     * @param members   every node of the cluster, here or elsewhere
     * @param local     the node running here under an id, if one does
     * @param lifecycle null when nodes cannot be killed from here
     */
    public RealFaults(Supplier<List<Integer>> members, IntFunction<Optional<Node>> local, Lifecycle lifecycle) {
        this.members = members;
        this.local = local;
        this.lifecycle = lifecycle;
    }

    @Override
    public List<Integer> nodes() {
        return members.get();
    }

    @Override
    public boolean isRunning(int node) {
        return lifecycle == null || lifecycle.isRunning(node);
    }

    @Override
    public boolean canKill(int node) {
        return lifecycle != null;
    }

    /** A member running here, other than {@code node}, that can be asked to remove it. */
    private Optional<Node> askable(int node) {
        return nodes().stream().filter(id -> id != node && isRunning(id)).map(local::apply)
            .flatMap(Optional::stream).findFirst();
    }

    @Override
    public boolean canRemove(int node) {
        return askable(node).isPresent();
    }

    @Override
    public CompletableFuture<String> remove(int node) {
        return askable(node).map(through -> FaultControls.told(node, through.removeMember(node, 15_000)))
            .orElseGet(() -> CompletableFuture.completedFuture("no other member runs here to ask; a node does not "
                + "remove itself (quit it instead)"));
    }

    @Override
    public void kill(int node) {
        if (lifecycle != null) {
            lifecycle.kill(node);
        }
    }

    /** Restarts the node, and puts back on it the faults its links had. */
    @Override
    public void restart(int node) {
        if (lifecycle != null) {
            lifecycle.restart(node);
            apply();
        }
    }

    @Override
    public void partition(List<Set<Integer>> groups) {
        this.groups = groups.stream().map(Set::copyOf).toList();
        apply();
    }

    @Override
    public void heal() {
        groups = List.of();
        apply();
    }

    @Override
    public void setLink(int from, int to, LinkConditions fault) {
        if (fault.equals(LinkConditions.NONE)) {
            links.remove(new Link(from, to));
        } else {
            links.put(new Link(from, to), fault);
        }
        apply();
    }

    @Override
    public LinkConditions link(int from, int to) {
        return links.getOrDefault(new Link(from, to), LinkConditions.NONE);
    }

    /** Sets every local node's link faults from the wanted state, from scratch. */
    public synchronized void apply() {
        for (int id : nodes()) {
            local.apply(id).ifPresent(node -> apply(id, node.faults()));
        }
    }

    private void apply(int self, LinkFaults faults) {
        faults.clear();
        faults.cutOff(outsideGroupOf(self));
        links.forEach((link, fault) -> {
            if (link.from() == self) {
                faults.setOutbound(link.to(), fault);
            } else if (link.to() == self && local.apply(link.from()).isEmpty()) {
                // The sender is elsewhere (or down): the fault can only be played at this end.
                faults.setInbound(link.from(), fault);
            }
        });
    }

    private Set<Integer> outsideGroupOf(int self) {
        Set<Integer> outside = new HashSet<>();
        for (Set<Integer> group : groups) {
            if (!group.contains(self)) {
                outside.addAll(group);
            }
        }
        return outside;
    }
}
