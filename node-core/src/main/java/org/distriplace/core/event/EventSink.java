package org.distriplace.core.event;

/** Receives a node's events, on the node's thread. Implementations must not block. */
@FunctionalInterface
public interface EventSink {

    EventSink NONE = event -> { };

    void emit(NodeEvent event);
}
