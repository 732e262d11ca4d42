package org.distriplace.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.distriplace.core.testing.TestHttp;
import org.junit.jupiter.api.Test;

/** The packaged application ({@code target/distri-place.jar} with {@code lib/}) starts and works on its own. */
class PackagedAppIT {

    private static final Path JAR = Path.of("target", "distri-place.jar");

    private static String run(String... arguments) throws IOException, InterruptedException {
        assertTrue(Files.exists(JAR), "the jar is built before integration tests");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "finished");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    @Test
    void helpListsTheCommands() throws Exception {
        String help = run("--help");
        assertTrue(help.contains("node") && help.contains("simulate") && help.contains("bench"), help);
    }

    @Test
    void simulatesFromThePackagedJar() throws Exception {
        assertTrue(run("simulate", "--seeds", "4", "--nodes", "3", "--duration", "5").contains("4 runs, 0 violations"));
    }

    @Test
    void aNodeStartsServesAndStops(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Process node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
            JAR.toString(), "node", "--bind", "127.0.0.1", "--http-port", "0", "--peer-port", "0",
            "--data-dir", dir.toString()).redirectErrorStream(true).start();
        try {
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(node.getInputStream(),
                StandardCharsets.UTF_8));
            String line;
            String url = null;
            while (url == null && (line = reader.readLine()) != null) {
                if (line.startsWith("node 1: http://")) {
                    url = line.substring("node 1: ".length(), line.indexOf('/', "node 1: http://".length()));
                }
            }
            assertTrue(url != null, "the node printed its address");
            var response = new TestHttp().get(url + "/api/v1/canvas/info");
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("\"width\":1000"), response.body());
        } finally {
            node.destroy();
            assertTrue(node.waitFor(20, TimeUnit.SECONDS), "SIGTERM stops the node");
        }
    }
}
