package org.distriplace.inspector.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.fault.LinkConditions;
import org.distriplace.core.message.MessageKind;
import org.distriplace.inspector.Script;
import org.distriplace.inspector.feed.EventInbox;
import org.distriplace.inspector.feed.Scenario;
import org.distriplace.inspector.feed.DemoSettings;
import org.distriplace.inspector.feed.SimulatedCluster;
import org.distriplace.inspector.model.InspectorModel;
import org.junit.jupiter.api.Test;

/** The exported log passes the checks ShiViz makes before it draws anything. */
class ShiVizLogTest {

    private record Logged(String host, Map<String, Long> clock, String text) {
    }

    @Test
    void aScriptedTraceIsAValidShiVizLog() throws Exception {
        List<NodeEvent> events = Script.leaderCrash();
        List<Logged> log = checkedLog(ShiVizLog.export(events));
        assertEquals(events.size(), log.size());
        // n1's receipt of the PREPARE (its 5th event) merges n3's clock at the send (n3's 6th event).
        Logged prepareAtN1 = log.get(events.indexOf(new NodeEvent.MessageReceived(1_120, 1, 3, MessageKind.PREPARE,
            "1/1 (2 writes)")));
        assertEquals(Map.of("n1", 5L, "n3", 6L), prepareAtN1.clock());
        assertTrue(prepareAtN1.text().contains("recv PREPARE <- n3"), prepareAtN1.text());
    }

    @Test
    void aSimulatedLeaderCrashWithLostAndDuplicatedMessagesIsAValidShiVizLog() throws Exception {
        EventInbox inbox = new EventInbox(1_000_000);
        SimulatedCluster cluster = new SimulatedCluster(DemoSettings.demo(4, 7), inbox);
        cluster.setSpeed(1);
        cluster.setLink(2, 1, LinkConditions.lossAndDelay(30, 0));
        cluster.advance(4_000);
        cluster.play(Scenario.LEADER_CRASH);
        cluster.advance(8_000);
        InspectorModel model = new InspectorModel();
        inbox.drainTo(model, Integer.MAX_VALUE);
        List<NodeEvent> events = model.log().events();
        assertTrue(events.size() > 500, "a real trace: " + events.size());
        List<Logged> log = checkedLog(ShiVizLog.export(events));
        assertEquals(events.size(), log.size());
        assertEquals(Set.of("n1", "n2", "n3", "n4"), Set.copyOf(log.stream().map(Logged::host).toList()));
    }

    /**
     * Parses the log as ShiViz would and applies its rules: first line the parser, second blank; every host's own
     * counter starts at 1 and rises by one per event; a clock names only hosts in the log, and each entry points
     * at an event that exists; an event's clock is its previous local clock, own entry + 1, merged with the
     * clock of the send it received (when other entries moved, they moved to exactly some event's clock).
     */
    static List<Logged> checkedLog(String text) throws Exception {
        String[] lines = text.split("\n", 3);
        assertEquals(ShiVizLog.PARSER_REGEX, lines[0]);
        assertEquals("", lines[1]);
        // ShiViz runs the first line as a JavaScript regex; Java wants the literal braces escaped.
        Pattern parser = Pattern.compile(lines[0].replace("{", "\\{").replace("}", "\\}"));
        Matcher m = parser.matcher(lines[2]);
        ObjectMapper json = new ObjectMapper();
        List<Logged> log = new ArrayList<>();
        int consumed = 0;
        while (m.find()) {
            assertEquals(consumed, m.start(), "no unparsed text between events");
            consumed = m.end() + 1;
            log.add(new Logged(m.group("host"), json.readValue(m.group("clock"), new TypeReference<>() { }),
                m.group("event")));
        }
        assertEquals(lines[2].length(), consumed, "the whole log parses");
        Set<String> hosts = Set.copyOf(log.stream().map(Logged::host).toList());
        Map<String, Map<Long, Map<String, Long>>> byHostAndCount = new HashMap<>();
        Map<String, Map<String, Long>> previous = new HashMap<>();
        for (Logged event : log) {
            Map<String, Long> before = previous.getOrDefault(event.host(), Map.of());
            assertEquals(before.getOrDefault(event.host(), 0L) + 1, event.clock().get(event.host()),
                "own counter rises by one: " + event);
            assertTrue(hosts.containsAll(event.clock().keySet()), "only hosts in the log: " + event);
            Map<String, Long> others = new TreeMap<>(event.clock());
            others.remove(event.host());
            boolean moved = false;
            for (Map.Entry<String, Long> entry : others.entrySet()) {
                long was = before.getOrDefault(entry.getKey(), 0L);
                assertTrue(entry.getValue() >= was, "clocks never go back: " + event);
                moved |= entry.getValue() > was;
            }
            if (moved) {
                assertMergeOfOneSend(event, before, byHostAndCount);
            }
            previous.put(event.host(), event.clock());
            byHostAndCount.computeIfAbsent(event.host(), k -> new HashMap<>())
                .put(event.clock().get(event.host()), event.clock());
        }
        return log;
    }

    private static void assertMergeOfOneSend(Logged event, Map<String, Long> before,
                                             Map<String, Map<Long, Map<String, Long>>> earlier) {
        boolean found = false;
        for (Map.Entry<String, Long> entry : event.clock().entrySet()) {
            Map<String, Long> send = earlier.getOrDefault(entry.getKey(), Map.of()).get(entry.getValue());
            if (entry.getKey().equals(event.host()) || send == null) {
                continue;
            }
            Map<String, Long> merged = new TreeMap<>(before);
            send.forEach((host, count) -> merged.merge(host, count, Math::max));
            merged.merge(event.host(), 1L, Long::sum);
            found |= merged.equals(new TreeMap<>(event.clock()));
        }
        assertTrue(found, "a receive's clock is the merge of its previous clock and one earlier send: " + event);
    }
}
