package org.distriplace.core.event;

import java.util.Locale;

/** One line per event, for traces and logs: {@code "   12.345s n3 KIND details"}. */
public final class EventFormat {

    private EventFormat() {
    }

    public static String line(NodeEvent event) {
        return String.format(Locale.ROOT, "%9.3fs n%-2d %s", event.at() / 1000.0, event.node(), describe(event));
    }

    public static String describe(NodeEvent event) {
        if (event instanceof NodeEvent.MessageSent e) {
            return "send " + e.kind() + " -> n" + e.to() + " " + e.summary();
        } else if (event instanceof NodeEvent.MessageReceived e) {
            return "recv " + e.kind() + " <- n" + e.from() + " " + e.summary();
        } else if (event instanceof NodeEvent.HeartbeatReceived e) {
            return "heartbeat from n" + e.peer() + " (epoch " + e.epoch() + ", leader " + e.leaderId() + ")";
        } else if (event instanceof NodeEvent.SuspicionChanged e) {
            return "n" + e.peer() + " " + e.from() + " -> " + e.to();
        } else if (event instanceof NodeEvent.ElectionStep e) {
            return "election " + e.step() + " epoch " + e.epoch() + (e.peer() != 0 ? " peer n" + e.peer() : "")
                + (e.detail().isEmpty() ? "" : " (" + e.detail() + ")");
        } else if (event instanceof NodeEvent.EpochChanged e) {
            return "epoch " + e.from() + " -> " + e.to() + " (leader n" + e.leaderId() + ")";
        } else if (event instanceof NodeEvent.RoleChanged e) {
            return "role " + e.role() + " in epoch " + e.epoch();
        } else if (event instanceof NodeEvent.CommitPhase e) {
            return "2pc " + e.phase() + " " + e.epoch() + "/" + e.proposalId() + " size " + e.batchSize()
                + " yes " + e.yes() + " no " + e.no() + (e.peer() != 0 ? " peer n" + e.peer() : "");
        } else if (event instanceof NodeEvent.Committed e) {
            return "committed " + e.epoch() + "/" + e.proposalId() + " from n" + e.leaderId() + ": "
                + e.writes().size() + " writes";
        } else if (event instanceof NodeEvent.MembershipChanged e) {
            return "configuration " + e.version() + ": members " + e.members();
        } else if (event instanceof NodeEvent.SyncStep e) {
            return "sync " + e.kind() + " n" + e.peer() + " writes " + e.writes() + " tiles " + e.tiles();
        } else if (event instanceof NodeEvent.Lifecycle e) {
            return e.stage() + (e.detail().isEmpty() ? "" : " " + e.detail());
        } else if (event instanceof NodeEvent.ClientsTold e) {
            return "told " + e.clients() + (e.clients() == 1 ? " client" : " clients") + " of " + e.dots().size()
                + (e.dots().size() == 1 ? " write" : " writes");
        } else if (event instanceof NodeEvent.PlacementFailed e) {
            return "placement by " + e.user() + " failed: " + e.code() + " " + e.message();
        } else if (event instanceof NodeEvent.InGroup e) {
            return "g" + e.group() + " " + describe(e.event());
        }
        return event.toString();
    }
}
