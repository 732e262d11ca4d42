package org.distriplace.inspector.model;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.message.MessageKind;

/**
 * Which send a receipt answers: the oldest unanswered send on the same link with the same kind and summary (links
 * keep order unless the network reorders them). Remembers one value per send until a receipt claims it.
 *
 * @param <T> what is remembered about each send
 */
public final class MessagePairing<T> {

    private record Link(int from, int to, MessageKind kind, String summary) {
    }

    private final Map<Link, ArrayDeque<T>> awaiting = new HashMap<>();

    public void sent(NodeEvent.MessageSent e, T value) {
        awaiting.computeIfAbsent(new Link(e.node(), e.to(), e.kind(), e.summary()), k -> new ArrayDeque<>())
            .add(value);
    }

    /** The value of the send {@code e} answers, now claimed; null when no send waits (a duplicate, say). */
    public T received(NodeEvent.MessageReceived e) {
        Link link = new Link(e.from(), e.node(), e.kind(), e.summary());
        ArrayDeque<T> queue = awaiting.get(link);
        if (queue == null) {
            return null;
        }
        T value = queue.poll();
        if (queue.isEmpty()) {
            awaiting.remove(link);
        }
        return value;
    }

    /** On every link, gives up the oldest unanswered sends while {@code stale} holds, handing each to {@code gone}. */
    public void dropWhile(Predicate<T> stale, Consumer<T> gone) {
        Iterator<ArrayDeque<T>> links = awaiting.values().iterator();
        while (links.hasNext()) {
            ArrayDeque<T> queue = links.next();
            while (!queue.isEmpty() && stale.test(queue.peek())) {
                gone.accept(queue.poll());
            }
            if (queue.isEmpty()) {
                links.remove();
            }
        }
    }
}
