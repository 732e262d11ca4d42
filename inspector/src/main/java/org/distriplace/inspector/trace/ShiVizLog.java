package org.distriplace.inspector.trace;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.distriplace.core.event.EventFormat;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.inspector.model.MessagePairing;

/**
 * Writes recorded events in ShiViz's log format (https://bestchai.bitbucket.io/shiviz/): the parser regex, a blank
 * line (no execution delimiter), then two lines per event, {@code n3 {"n3":5,"n1":2}} and what happened.
 *
 * <p>The clocks are the trace's own, not the protocol's: ShiViz insists that each host's counter start at 1 and
 * rise by exactly 1 per logged event, and that a receive's clock be the merge of its host's previous clock and the
 * sender's clock at the send. The protocol's version vectors tick on committed writes only, so they cannot be used.
 * A receive whose send is not in the trace (recorded before it began, or a duplicate) is logged as a local event.
 */
public final class ShiVizLog {

    /** ShiViz's first line: how to read a host, its clock and the event's description. */
    public static final String PARSER_REGEX = "(?<host>\\S*) (?<clock>{.*})\\n(?<event>.*)";

    private ShiVizLog() {
    }

    /** The whole log for {@code events}, in the order given (each node's own events must be in its order). */
    public static String export(List<NodeEvent> events) {
        StringBuilder out = new StringBuilder(64 + events.size() * 96);
        out.append(PARSER_REGEX).append("\n\n");
        Map<Integer, TreeMap<Integer, Long>> clocks = new HashMap<>();
        MessagePairing<TreeMap<Integer, Long>> inFlight = new MessagePairing<>();
        for (NodeEvent event : events) {
            TreeMap<Integer, Long> clock = new TreeMap<>(clocks.getOrDefault(event.node(), new TreeMap<>()));
            if (event instanceof NodeEvent.MessageReceived e) {
                TreeMap<Integer, Long> sent = inFlight.received(e);
                if (sent != null) {
                    sent.forEach((host, count) -> clock.merge(host, count, Math::max));
                }
            }
            clock.merge(event.node(), 1L, Long::sum);
            clocks.put(event.node(), clock);
            if (event instanceof NodeEvent.MessageSent e) {
                inFlight.sent(e, clock);
            }
            out.append(host(event.node())).append(' ').append(json(clock)).append('\n')
                .append(description(event)).append('\n');
        }
        return out.toString();
    }

    public static String host(int node) {
        return "n" + node;
    }

    private static String json(Map<Integer, Long> clock) {
        StringBuilder json = new StringBuilder("{");
        clock.forEach((node, count) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(host(node)).append("\":").append(count);
        });
        return json.append('}').toString();
    }

    private static String description(NodeEvent event) {
        String text = String.format(Locale.ROOT, "%.3fs %s", event.at() / 1000.0, EventFormat.describe(event));
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
