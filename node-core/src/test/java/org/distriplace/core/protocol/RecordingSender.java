package org.distriplace.core.protocol;

import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.message.PeerSender;

/** Captures what a machine sends, for assertions. */
public final class RecordingSender implements PeerSender {

    /** One sent message. */
    public record Sent(int to, PeerMessage message) {
    }

    private final List<Sent> sent = new ArrayList<>();

    @Override
    public void send(int to, PeerMessage message) {
        sent.add(new Sent(to, message));
    }

    public <T extends PeerMessage> List<Sent> of(Class<T> type) {
        return sent.stream().filter(s -> type.isInstance(s.message())).toList();
    }

    public <T extends PeerMessage> List<Integer> recipientsOf(Class<T> type) {
        return of(type).stream().map(Sent::to).sorted().toList();
    }

    public void clear() {
        sent.clear();
    }
}
