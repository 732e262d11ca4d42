package org.distriplace.core.protocol.commit;

import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.PixelWrite;

/** A client write the leader has validated and stamped, waiting for a batch (it gets its dot when proposed). */
public record AcceptedWrite(int x, int y, Color color, String user, int origin, long requestId, long timestamp) {

    /**
     * The proposed write: ordered by {@code leader}, whose counter for it is {@code clock.get(leader)}, first proposed
     * in batch {@code batch} of {@code epoch}.
     */
    public PixelWrite toWrite(int leader, VectorClock clock, long epoch, long batch) {
        return new PixelWrite(x, y, color, user, origin, requestId, timestamp, leader, clock, epoch, batch);
    }
}
