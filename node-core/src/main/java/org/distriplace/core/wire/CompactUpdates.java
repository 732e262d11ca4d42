package org.distriplace.core.wire;

import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Color;

/**
 * The compact body of {@code PIXEL_UPDATES}: the forwarding node, a users table, then per write a flags byte (same
 * origin node, same vector clock as the write before), x, y, colour (three bytes), user (an index into the table),
 * request id and timestamp as deltas from the write before, and the origin and clock only where they changed. A
 * tick's writes from one node mostly share both, so a forwarded write takes about ten bytes. Pure and stateless.
 */
final class CompactUpdates {

    private static final int SAME_NODE = 0x01;
    private static final int SAME_CLOCK = 0x02;

    private CompactUpdates() {
    }

    static void write(Varints.Out out, PeerMessage.PixelUpdates message) {
        out.varint(message.nodeId());
        UserTable users = UserTable.of(message.updates().stream().map(PeerMessage.PixelUpdate::user).toList());
        users.write(out);
        out.varint(message.updates().size());
        PeerMessage.PixelUpdate previous = null;
        for (PeerMessage.PixelUpdate update : message.updates()) {
            boolean sameNode = previous != null && previous.nodeId() == update.nodeId();
            boolean sameClock = previous != null && previous.vectorClock().equals(update.vectorClock());
            out.raw((sameNode ? SAME_NODE : 0) | (sameClock ? SAME_CLOCK : 0));
            if (!sameNode) {
                out.varint(update.nodeId());
            }
            out.varint(update.x());
            out.varint(update.y());
            out.rgb(update.color().rgb());
            out.varint(users.indexOf(update.user()));
            out.signed(update.requestId() - (previous == null ? 0 : previous.requestId()));
            out.signed(update.timestamp() - (previous == null ? 0 : previous.timestamp()));
            if (!sameClock) {
                out.clock(update.vectorClock());
            }
            previous = update;
        }
    }

    static PeerMessage.PixelUpdates read(Varints.In in) {
        int nodeId = in.varintInt();
        UserTable users = UserTable.read(in);
        int count = in.count(8);
        List<PeerMessage.PixelUpdate> updates = new ArrayList<>(count);
        int origin = 0;
        long requestId = 0;
        long timestamp = 0;
        VectorClock clock = VectorClock.EMPTY;
        for (int i = 0; i < count; i++) {
            int flags = in.raw();
            if ((flags & SAME_NODE) == 0) {
                origin = in.varintInt();
            }
            int x = in.varintInt();
            int y = in.varintInt();
            Color color = new Color(in.rgb());
            String user = users.name(in.varintInt());
            requestId += in.signed();
            timestamp += in.signed();
            if ((flags & SAME_CLOCK) == 0) {
                clock = in.clock();
            }
            updates.add(new PeerMessage.PixelUpdate(origin, requestId, user, x, y, color, timestamp, clock));
        }
        return new PeerMessage.PixelUpdates(nodeId, updates);
    }
}
