package org.distriplace.core.history;

import java.util.List;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.PixelWrite;

/**
 * Answers a peer's {@link PeerMessage.HistoryRequest} from this node's history: the writes it holds among those asked
 * for, at most {@link #MAX_WRITES} counters' worth at a time (the asker asks again for the rest). Pure: where the
 * history comes from (disk, memory) is the caller's.
 */
public final class HistoryAnswers {

    /** Counters covered by one answer, so an answer stays a modest frame. */
    public static final int MAX_WRITES = 500;

    /** The writes held, ordered by {@code node}, numbered {@code from} to {@code to} inclusive, in counter order. */
    @FunctionalInterface
    public interface RangeQuery {
        List<PixelWrite> writesOf(int node, long from, long to);
    }

    private HistoryAnswers() {
    }

    public static PeerMessage.HistoryResponse answer(int self, PeerMessage.HistoryRequest request, RangeQuery query) {
        if (request.from() < 1 || request.to() < request.from()) {
            return new PeerMessage.HistoryResponse(self, request.node(), request.from(), request.from() - 1,
                List.of());
        }
        long to = Math.min(request.to(), request.from() + MAX_WRITES - 1);
        return new PeerMessage.HistoryResponse(self, request.node(), request.from(), to,
            query.writesOf(request.node(), request.from(), to));
    }
}
