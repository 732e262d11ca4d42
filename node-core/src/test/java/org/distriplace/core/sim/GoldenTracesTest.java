package org.distriplace.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Pins the simulator's traces of a few seeds, byte for byte: the sharded node must leave a one-shard cluster
 * ({@code --shards 1x1}) exactly as it was, down to every message, draw of randomness and store write (ADR 0017).
 * A behaviour test passes through many changes a trace does not.
 *
 * <p>A change that is meant to alter the protocol's behaviour regenerates the file with
 * {@code -Dgolden.write=true} and says why in its commit message.
 */
class GoldenTracesTest {

    static final String RESOURCE = "golden-traces.txt";
    private static final Path SOURCE = Path.of("src/test/resources/org/distriplace/core/sim", RESOURCE);

    /** Each scenario by name: a plain run, a disk written behind, joiners, leavers with removals, auto-removal. */
    static Map<String, Simulation> scenarios() {
        ScenarioOptions base = ScenarioOptions.defaults().withSafetyMs(10_000);
        Map<String, Simulation> runs = new LinkedHashMap<>();
        runs.put("plain", new Simulation(7, base));
        runs.put("write-behind", new Simulation(8, base.withNodes(3).withWriteBehind(true)));
        runs.put("joiners", new Simulation(9, base.withNodes(2).withJoiners(2)));
        runs.put("leavers-and-removals", new Simulation(10, base.withNodes(7)
            .withChurn(new ScenarioOptions.Churn(1, 1, 2, 0))));
        runs.put("auto-removal", new Simulation(11, base.withWriteBehind(true)
            .withChurn(new ScenarioOptions.Churn(1, 0, 2, 3_000))));
        return runs;
    }

    @Test
    void theOneShardClusterRunsExactlyAsPinned() throws IOException {
        Map<String, String> now = new TreeMap<>();
        scenarios().forEach((name, simulation) -> now.put(name, digest(simulation)));
        if (Boolean.getBoolean("golden.write")) {
            Files.writeString(SOURCE, format(now));
            return; // regenerated: the next run compares against it
        }
        Map<String, String> pinned = parse(new String(GoldenTracesTest.class.getResourceAsStream(RESOURCE)
            .readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(pinned, now, "a trace changed; if the change is meant, rerun with -Dgolden.write=true and say"
            + " why in the commit");
    }

    /** SHA-256 over the trace's lines; the run must also pass, or the pin would hold a broken run. */
    private static String digest(Simulation simulation) {
        MessageDigest sha = sha256();
        int[] lines = {0};
        simulation.addTraceListener(line -> {
            sha.update(line.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            lines[0]++;
        });
        SimulationResult result = simulation.run();
        assertTrue(result.passed(), simulation.replayCommand() + ": " + result.violation());
        assertTrue(lines[0] > 1_000, "a real trace: " + lines[0] + " lines");
        return lines[0] + " " + HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String format(Map<String, String> digests) {
        StringBuilder text = new StringBuilder("# scenario lines sha256 (GoldenTracesTest; -Dgolden.write=true)\n");
        digests.forEach((name, digest) -> text.append(name).append(' ').append(digest).append('\n'));
        return text.toString();
    }

    static Map<String, String> parse(String text) {
        Map<String, String> digests = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.indexOf(' ');
                digests.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return digests;
    }
}
