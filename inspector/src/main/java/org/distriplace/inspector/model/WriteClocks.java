package org.distriplace.inspector.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.model.PixelWrite;

/**
 * The clock seed 1's PIXEL_UPDATE carries, for the newest writes: what the node a player placed a write through had
 * seen when it forwarded the write to the leader (its {@link CausalKnowledge} vector then), its own entry counting
 * the write itself. A write placed through the leader is never forwarded, so the inspector cannot tell what its
 * origin knew then: its clock is unknown, not guessed.
 *
 * <p>Of two writes at one pixel, the later is causally after the earlier when its clock covers the earlier's (its
 * origin had seen the earlier write); when neither clock covers the other they are concurrent, and causality alone
 * cannot say which is last. The leader's dots and stamps still order them, the same way on every replica.
 *
 * <p>Not thread-safe: fed and read on one thread, like {@link InspectorModel}.
 */
public final class WriteClocks {

    /** Writes listed, newest first. */
    static final int SHOWN = 10;
    /** Forwards and pixels remembered: enough for every write in flight and every pixel a lesson paints. */
    private static final int REMEMBERED = 4_096;
    private static final Pattern REQUEST = Pattern.compile("req (\\d+)");

    /** How a write stands to the write before it at the same pixel. */
    public enum Relation {
        /** Its origin had seen the earlier write: causally after it. */
        AFTER,
        /** Neither origin had seen the other's write. */
        CONCURRENT,
        /** One of the two clocks is unknown (placed through the leader, or forwarded before the inspector watched). */
        UNKNOWN
    }

    /**
     * A committed write and its clock.
     *
     * @param clock   its origin's knowledge when it forwarded the write, counting the write; empty if unknown
     * @param earlier the write before it at the same pixel, if the inspector saw one
     */
    public record Stamped(PixelWrite write, Optional<VectorClock> clock, Optional<PixelWrite> earlier,
                          Relation relation) {
    }

    private record Request(int origin, long requestId) {
    }

    private final Map<Request, VectorClock> forwarded = bounded();
    private final Map<Long, Stamped> lastAtPixel = bounded();
    private final Deque<Stamped> recent = new ArrayDeque<>();

    private static <K, V> Map<K, V> bounded() {
        return new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > REMEMBERED;
            }
        };
    }

    /**
     * A node forwarded writes to the leader ({@code PIXEL_UPDATE} or {@code PIXEL_UPDATES}; other messages are
     * ignored): each write's clock is what the node knew then, in {@code knowledge}. A write sent again keeps its
     * first.
     */
    void sent(NodeEvent.MessageSent e, CausalKnowledge knowledge) {
        if (e.kind() != MessageKind.PIXEL_UPDATE && e.kind() != MessageKind.PIXEL_UPDATES) {
            return;
        }
        VectorClock knows = knowledge.seen(e.node());
        Matcher request = REQUEST.matcher(e.summary());
        while (request.find()) {
            forwarded.putIfAbsent(new Request(e.node(), Long.parseLong(request.group(1))), knows);
        }
    }

    /** A write was committed for the first time the inspector saw: its clock is settled. */
    void learned(CausalKnowledge.Learned learned) {
        PixelWrite write = learned.write();
        Optional<VectorClock> clock = Optional.ofNullable(forwarded.remove(new Request(write.origin(),
            write.requestId()))).map(knew -> knew.with(write.origin(), learned.sequence()));
        long pixel = ((long) write.x() << 32) | (write.y() & 0xffffffffL);
        Stamped before = lastAtPixel.remove(pixel);
        Relation relation = before == null || clock.isEmpty() || before.clock().isEmpty() ? Relation.UNKNOWN
            : before.clock().get().isCoveredBy(clock.get()) ? Relation.AFTER : Relation.CONCURRENT;
        Stamped stamped = new Stamped(write, clock, Optional.ofNullable(before).map(Stamped::write), relation);
        lastAtPixel.put(pixel, stamped);
        recent.addFirst(stamped);
        if (recent.size() > SHOWN) {
            recent.removeLast();
        }
    }

    /** The newest committed writes, newest first. */
    public List<Stamped> recent() {
        return List.copyOf(recent);
    }

    /** The newest committed write at (x, y) the inspector remembers, with its clock. */
    public Optional<Stamped> at(int x, int y) {
        return Optional.ofNullable(lastAtPixel.get(((long) x << 32) | (y & 0xffffffffL)));
    }
}
