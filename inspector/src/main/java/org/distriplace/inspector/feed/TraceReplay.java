package org.distriplace.inspector.feed;

import java.util.List;
import org.distriplace.core.event.EventFormat;
import org.distriplace.core.event.NodeEvent;

/** Plays a saved trace back into an inbox, at any speed or one event at a time, in the order it was recorded. */
public final class TraceReplay implements Playback {

    private final List<NodeEvent> events;
    private final EventInbox inbox;
    private int position;
    private double now;
    private double speed = 1;
    private boolean paused = true;

    public TraceReplay(List<NodeEvent> events, EventInbox inbox) {
        this.events = List.copyOf(events);
        this.inbox = inbox;
        this.now = events.isEmpty() ? 0 : events.get(0).at();
    }

    /** A replay and the inbox it fills, as something to inspect. */
    public static InspectorSource source(String title, List<NodeEvent> events) {
        EventInbox inbox = new EventInbox(Math.max(1, events.size()));
        TraceReplay replay = new TraceReplay(events, inbox);
        return new InspectorSource(title, inbox, replay::now, null, replay);
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    @Override
    public void setPaused(boolean paused) {
        this.paused = paused;
    }

    @Override
    public boolean step() {
        if (position >= events.size()) {
            return false;
        }
        NodeEvent event = events.get(position++);
        now = Math.max(now, event.at());
        inbox.emit(event);
        return true;
    }

    @Override
    public String next() {
        return position >= events.size() ? "" : EventFormat.line(events.get(position)).strip();
    }

    @Override
    public double speed() {
        return speed;
    }

    @Override
    public void setSpeed(double factor) {
        speed = Playback.checkedSpeed(factor);
    }

    @Override
    public void advance(long realMs) {
        if (paused) {
            return;
        }
        now += realMs * speed;
        while (position < events.size() && events.get(position).at() <= now) {
            step();
        }
    }

    @Override
    public long now() {
        return (long) now;
    }

    /** Events played so far, of {@link #length()}. */
    public int position() {
        return position;
    }

    public int length() {
        return events.size();
    }
}
