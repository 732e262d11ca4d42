package org.distriplace.core.protocol.sync;

import java.util.HashMap;
import java.util.Map;
import org.distriplace.core.message.PeerMessage;

/**
 * Tracks full-state answers that arrive in several parts. Tiles from each part can be merged at once (last write
 * wins makes that always safe), but the sender's version may be adopted only when every part of the answer has
 * arrived, in order; a gap abandons the answer (the next gossip round asks again). Pure.
 */
public final class FullStateAssembly {

    private record Progress(long syncId, int nextPart) {
    }

    private final Map<Integer, Progress> byPeer = new HashMap<>();

    /** Records a part from {@code peer}; returns true when it completes its answer. */
    public boolean accept(int peer, PeerMessage.SyncResponse part) {
        Progress progress = byPeer.get(peer);
        boolean continues = progress != null && progress.syncId() == part.syncId()
            && progress.nextPart() == part.part();
        if (!continues && part.part() != 1) {
            byPeer.remove(peer);
            return false;
        }
        if (part.isLastPart()) {
            byPeer.remove(peer);
            return true;
        }
        byPeer.put(peer, new Progress(part.syncId(), part.part() + 1));
        return false;
    }
}
