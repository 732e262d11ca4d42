package org.distriplace.core.history;

import static org.distriplace.core.model.TestWrites.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.LongStream;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.store.MemoryEventStore;
import org.junit.jupiter.api.Test;

class HistoryAnswersTest {

    private final MemoryEventStore store = new MemoryEventStore();

    @Test
    void answersWhatItHoldsOfTheRangeBoundedToAModestFrame() {
        store.appendCommitted(LongStream.rangeClosed(1, 700).filter(c -> c != 5).mapToObj(c -> write(3, c, 1, 1))
            .toList());
        PeerMessage.HistoryResponse first = HistoryAnswers.answer(2, new PeerMessage.HistoryRequest(1, 3, 1, 700),
            store);
        assertEquals(1, first.from());
        assertEquals(HistoryAnswers.MAX_WRITES, first.to(), "bounded");
        assertEquals(HistoryAnswers.MAX_WRITES - 1, first.writes().size(), "write 5 is not held here");
        assertEquals(2, first.nodeId());
        PeerMessage.HistoryResponse rest = HistoryAnswers.answer(2, new PeerMessage.HistoryRequest(1, 3, 501, 700),
            store);
        assertEquals(700, rest.to());
        assertEquals(200, rest.writes().size());
        assertEquals(List.of(), HistoryAnswers.answer(2, new PeerMessage.HistoryRequest(1, 4, 1, 9), store).writes());
    }

    @Test
    void aNonsenseRangeGetsAnEmptyAnswer() {
        store.appendCommitted(List.of(write(3, 1, 1, 1)));
        PeerMessage.HistoryResponse answer = HistoryAnswers.answer(2, new PeerMessage.HistoryRequest(1, 3, 0, -4),
            store);
        assertEquals(List.of(), answer.writes());
        assertEquals(List.of(), HistoryAnswers.answer(2, new PeerMessage.HistoryRequest(1, 3, 9, 2), store).writes());
    }
}
