package org.distriplace.inspector.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.distriplace.core.event.EventFormat;
import org.distriplace.core.event.NodeEvent;

/** The most recent events, in arrival order, with their text; filterable by topic and searchable. */
public final class EventLog {

    /** One logged event. */
    public record Entry(long seq, NodeEvent event, Topic topic, String text) {
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long seq;

    EventLog(int capacity) {
        this.capacity = capacity;
    }

    void accept(NodeEvent event) {
        entries.addLast(new Entry(++seq, event, Topic.of(event), EventFormat.line(event)));
        if (entries.size() > capacity) {
            entries.removeFirst();
        }
    }

    /** How many events were ever logged (older ones fall out once capacity is reached). */
    public long total() {
        return seq;
    }

    /** The entries kept, oldest first. */
    java.util.Iterator<Entry> oldestFirst() {
        return entries.iterator();
    }

    public List<NodeEvent> events() {
        return entries.stream().map(Entry::event).toList();
    }

    /**
     * The newest {@code limit} entries whose topic is in {@code topics} and whose text contains {@code search}
     * (ignoring case; blank matches all), oldest first.
     */
    public List<Entry> matching(Set<Topic> topics, String search, int limit) {
        String needle = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        List<Entry> out = new ArrayList<>();
        var newest = entries.descendingIterator();
        while (newest.hasNext() && out.size() < limit) {
            Entry entry = newest.next();
            if (topics.contains(entry.topic())
                && (needle.isEmpty() || entry.text().toLowerCase(Locale.ROOT).contains(needle))) {
                out.add(entry);
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }
}
