package org.distriplace.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distriplace.app.testing.TestCluster;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two copies of the app on one machine share the saved preferences, which name a joined node: the first runs it; the
 * second must not come up as the same node id (it starts as a new node of its own). Both run headless (no display).
 */
class SecondCopyProcessTest {

    private static final Pattern NODE_LINE = Pattern.compile("node (\\d+): http://[^:]+:(\\d+)/");

    @TempDir
    Path home;

    private final List<Process> copies = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process copy : copies) {
            copy.destroyForcibly().waitFor();
        }
    }

    private Process startCopy(String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx192m", "-Ddistri-place.home=" + home, "-cp", System.getProperty("java.class.path"),
            "org.distriplace.app.Main", "app", "--bind", "127.0.0.1");
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        Process copy = builder.redirectErrorStream(true).redirectOutput(home.resolve(name + ".log").toFile()).start();
        copies.add(copy);
        return copy;
    }

    /** The node id and HTTP port the copy announced, once it did. */
    private int[] announced(String name) throws InterruptedException {
        int[][] found = new int[1][];
        Await.until(name + " announces its node", Duration.ofSeconds(60), () -> {
            try {
                Matcher line = NODE_LINE.matcher(Files.readString(home.resolve(name + ".log")));
                if (line.find()) {
                    found[0] = new int[] {Integer.parseInt(line.group(1)), Integer.parseInt(line.group(2))};
                }
            } catch (IOException notYet) {
                return false;
            }
            return found[0] != null;
        });
        return found[0];
    }

    @Test
    void aSecondCopySharingThePreferencesStartsAsANewNodeAndLeavesThemAlone() throws Exception {
        String preferences = "id=7\nhttp-port=" + TestCluster.freePort() + "\npeer-port=" + TestCluster.freePort()
            + "\ncluster-secret=shared\ndata-dir=" + home.resolve("node-7-joined") + "\n";
        Files.createDirectories(home);
        Files.writeString(home.resolve("preferences.properties"), preferences.replace("\\", "\\\\"));

        startCopy("first");
        int[] first = announced("first");
        assertEquals(7, first[0], "the first copy runs the saved node");
        startCopy("second");
        int[] second = announced("second");

        assertTrue(second[0] != 7, "the second copy is another node, not a second node 7: " + second[0]);
        assertTrue(Files.readString(home.resolve("second.log")).contains("another copy of distri-place runs node 7"));
        JsonNode cluster = new TestHttp().jsonOrNull("http://127.0.0.1:" + second[1] + "/api/v1/cluster");
        assertEquals(second[0], cluster.path("nodeId").asInt());
        assertTrue(!cluster.path("members").toString().contains("\"id\":7"), "not in node 7's cluster: " + cluster);
        assertEquals(preferences.replace("\\", "\\\\"), Files.readString(home.resolve("preferences.properties")),
            "the preferences are the first copy's");
    }
}
