package org.distriplace.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterJoinTest {

    /** Found by NodeSessionTest: two copies joining in the same millisecond under one id shared a directory. */
    @Test
    void joinersMakingTheirDataDirectoryAtTheSameMomentEachGetOneOfTheirOwn(@TempDir Path home) {
        Set<Path> made = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Path dir = ClusterJoin.freshDirectory(home, "node-7-joined-");
            assertTrue(Files.isDirectory(dir), dir + " exists");
            assertTrue(dir.getFileName().toString().startsWith("node-7-joined-"), dir.toString());
            made.add(dir);
        }
        assertEquals(20, made.size(), "every call made a directory of its own: " + made);
    }
}
