package org.distriplace.core.protocol.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.distriplace.core.canvas.TileState;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.message.PeerMessage;
import org.junit.jupiter.api.Test;

class FullStateAssemblyTest {

    private final FullStateAssembly assembly = new FullStateAssembly();

    private static PeerMessage.SyncResponse part(long syncId, int part, int parts) {
        TileState tile = new TileState(part, new byte[0], new long[0], new int[0]);
        return new PeerMessage.SyncResponse(2, VectorClock.EMPTY, List.of(), List.of(tile), Map.of(), Map.of(), syncId,
            part, parts);
    }

    @Test
    void completesWhenEveryPartArrivedInOrder() {
        assertFalse(assembly.accept(2, part(7, 1, 3)));
        assertFalse(assembly.accept(2, part(7, 2, 3)));
        assertTrue(assembly.accept(2, part(7, 3, 3)));
        assertTrue(assembly.accept(2, part(8, 1, 1)), "a one-part answer completes at once");
    }

    @Test
    void aMissingPartAbandonsTheAnswer() {
        assembly.accept(2, part(7, 1, 3));
        assertFalse(assembly.accept(2, part(7, 3, 3)));
        assertFalse(assembly.accept(2, part(7, 3, 3)), "still incomplete");
    }

    @Test
    void partsOfAnotherAnswerOrPeerDoNotMix() {
        assembly.accept(2, part(7, 1, 2));
        assertFalse(assembly.accept(2, part(8, 2, 2)), "another answer's last part");
        assembly.accept(2, part(9, 1, 2));
        assertFalse(assembly.accept(3, part(9, 2, 2)), "another peer's part");
        assertTrue(assembly.accept(2, part(9, 2, 2)));
    }
}
