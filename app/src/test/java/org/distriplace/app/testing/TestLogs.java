package org.distriplace.app.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Keeps the logs of processes a test started, when {@code -Dcluster.keepLogs=DIR} asks for them. */
public final class TestLogs {

    private TestLogs() {
    }

    /** Copies every {@code .log} file under {@code dir} into the kept-logs directory, if one was asked for. */
    public static void keep(Path dir) throws IOException {
        String keep = System.getProperty("cluster.keepLogs");
        if (keep == null) {
            return;
        }
        Path target = Files.createDirectories(Path.of(keep));
        try (var logs = Files.walk(dir)) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                Files.copy(log, target.resolve(dir.relativize(log).toString().replace('/', '_')),
                    StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
