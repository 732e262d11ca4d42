package org.distriplace.core.event;

import java.util.function.Consumer;

/** Receives a node's events, on the node's thread. Implementations must not block. */
@FunctionalInterface
public interface EventSink {

    EventSink NONE = withoutMessages(event -> { });

    void emit(NodeEvent event);

    /**
     * Whether this sink wants an event for every message sent and received; building those costs the node real
     * time under load, so sinks that only log milestones say no.
     */
    default boolean wantsMessages() {
        return true;
    }

    /** A sink that receives every event but the per-message ones. */
    static EventSink withoutMessages(Consumer<NodeEvent> consumer) {
        return new EventSink() {
            @Override
            public void emit(NodeEvent event) {
                consumer.accept(event);
            }

            @Override
            public boolean wantsMessages() {
                return false;
            }
        };
    }

    /** This sink for a group's events: group 0's as they are, any other's inside {@link NodeEvent.InGroup}. */
    default EventSink inGroup(int group) {
        if (group == 0) {
            return this;
        }
        EventSink whole = this;
        return new EventSink() {
            @Override
            public void emit(NodeEvent event) {
                whole.emit(new NodeEvent.InGroup(group, event));
            }

            @Override
            public boolean wantsMessages() {
                return whole.wantsMessages();
            }
        };
    }
}
