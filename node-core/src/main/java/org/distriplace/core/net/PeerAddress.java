package org.distriplace.core.net;

import java.util.ArrayList;
import java.util.List;

/** A peer as named on the command line: {@code ID@HOST:PORT}. */
public record PeerAddress(int id, String host, int port) {

    public PeerAddress {
        if (id < 1) {
            throw new IllegalArgumentException("peer ids are positive: " + id);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses {@code ID@HOST:PORT}; throws with a message naming the bad part. */
    public static PeerAddress parse(String text) {
        int at = text.indexOf('@');
        int colon = text.lastIndexOf(':');
        if (at < 1 || colon < at + 2 || colon == text.length() - 1) {
            throw new IllegalArgumentException("a peer is ID@HOST:PORT, not '" + text + "'");
        }
        try {
            return new PeerAddress(Integer.parseInt(text.substring(0, at)), text.substring(at + 1, colon),
                Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a peer is ID@HOST:PORT with numeric ID and PORT, not '" + text + "'");
        }
    }

    /** Parses a comma-separated list (empty for none). */
    public static List<PeerAddress> parseList(String text) {
        List<PeerAddress> peers = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                peers.add(parse(part.strip()));
            }
        }
        return peers;
    }

    @Override
    public String toString() {
        return id + "@" + host + ":" + port;
    }
}
