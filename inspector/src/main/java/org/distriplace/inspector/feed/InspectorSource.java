package org.distriplace.inspector.feed;

import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What an inspector watches: where the events arrive, the cluster's clock, and, where they exist, the controls
 * for breaking things and for time.
 *
 * @param title    shown above the views ("demo: 5 simulated nodes", "node 3", "trace lesson.dptrace")
 * @param clock    the cluster's time in ms (virtual in a simulation or replay, the wall clock for real nodes)
 * @param faults   null when the source cannot be broken (a trace)
 * @param playback null when time is real and cannot be paused (live nodes)
 * @param remote   where nodes on other machines can be added to the watch, or null (simulations, traces)
 */
public record InspectorSource(String title, EventInbox inbox, LongSupplier clock, FaultControls faults,
                              Playback playback, RemoteNodes remote) {

    /** A source that cannot watch remote nodes. */
    public InspectorSource(String title, EventInbox inbox, LongSupplier clock, FaultControls faults,
                           Playback playback) {
        this(title, inbox, clock, faults, playback, null);
    }

    public Optional<FaultControls> faultControls() {
        return Optional.ofNullable(faults);
    }

    public Optional<Playback> timeControls() {
        return Optional.ofNullable(playback);
    }

    public Optional<RemoteNodes> remoteNodes() {
        return Optional.ofNullable(remote);
    }

    /** A simulated demo cluster: every control available. */
    public static InspectorSource of(String title, SimulatedCluster cluster, EventInbox inbox) {
        return new InspectorSource(title, inbox, cluster::now, cluster, cluster);
    }
}
