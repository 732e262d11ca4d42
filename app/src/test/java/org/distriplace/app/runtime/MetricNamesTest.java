package org.distriplace.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A node's metrics pass the rules {@code promtool check metrics} applies (issue 25 found nine findings, all in the
 * JVM's binders): every metric has help text, no name carries an abbreviated unit, only histograms and summaries
 * end in {@code _count}. The installed package's test runs the real promtool on a running node too.
 */
class MetricNamesTest {

    private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (\\S+)");
    private static final Pattern HELP = Pattern.compile("# HELP (\\S+) (.*)");
    private static final Pattern ABBREVIATED_UNIT = Pattern.compile("_(ms|ns|us|msec|nsec|usec|secs|mins)(_|$)");

    @Test
    void everyMetricHasHelpAUnitSpelledOutAndNoStrayCountSuffix() {
        String text = new NodeMetrics(1).scrape();
        Map<String, String> types = new HashMap<>();
        Map<String, String> help = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                types.put(type.group(1), type.group(2));
            }
            Matcher described = HELP.matcher(line);
            if (described.matches()) {
                help.put(described.group(1), described.group(2).strip());
            }
        }
        assertTrue(types.size() > 40, "the JVM's metrics and ours: " + types.keySet());
        List<String> findings = new ArrayList<>();
        types.forEach((name, type) -> {
            if (help.getOrDefault(name, "").isEmpty()) {
                findings.add(name + " has no help text");
            }
            if (ABBREVIATED_UNIT.matcher(name).find()) {
                findings.add(name + " abbreviates its unit");
            }
            if (name.endsWith("_count") && !type.equals("histogram") && !type.equals("summary")) {
                findings.add(name + " is a " + type + " ending in _count");
            }
        });
        assertEquals(List.of(), findings);
        assertTrue(types.containsKey("jvm_compilation_time_seconds_total")
            && types.containsKey("process_cpu_seconds_total"),
            "the replaced meters, in seconds: " + types.keySet());
    }
}
