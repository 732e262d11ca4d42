package org.distriplace.installers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jpackage app image runs where no Java is on the PATH: its own runtime, its own launcher. */
class AppImageIT {

    static final Path IMAGE = Path.of("target", "distri-place", "bin", "distri-place");

    @TempDir
    Path dir;

    /** No java on the PATH, no JAVA_HOME: only what a shell needs. */
    private Map<String, String> bareEnvironment() {
        return Map.of("PATH", dir.resolve("no-java-here").toString(), "HOME", dir.toString());
    }

    @Test
    void theImageAnswersHelpAndRunsANodeThatTakesAPixel() throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "the image's layout here is Linux's");
        assertTrue(Files.isExecutable(IMAGE), IMAGE + " (built by the installers profile)");
        Installed.Result help = Installed.run(bareEnvironment(), dir.resolve("help.log"), IMAGE.toString(), "--help");
        assertEquals(0, help.exitCode(), help.output());
        assertTrue(help.output().contains("Usage: distri-place"), help.output());
        assertTrue(help.output().contains("timelapse") && help.output().contains("members"), help.output());

        int http = Installed.freePort();
        Process node = Installed.start(bareEnvironment(), dir.resolve("node.log"), IMAGE.toString(), "node",
            "--http-port", Integer.toString(http), "--peer-port", Integer.toString(Installed.freePort()),
            "--bind", "127.0.0.1", "--data-dir", dir.resolve("data").toString(), "--cooldown", "0",
            "--cluster-secret", "image-test");
        try {
            Installed.await("the node ready", Duration.ofSeconds(60), () -> Installed.ready(http));
            assertEquals(200, Installed.post(http, "/pixel", "{\"x\":3,\"y\":4,\"color\":\"#FF4500\"}").statusCode());
            assertTrue(Installed.get(http, "/metrics").body().contains("distriplace_writes_committed_total"));
        } finally {
            node.destroy();
            node.waitFor();
        }
    }
}
