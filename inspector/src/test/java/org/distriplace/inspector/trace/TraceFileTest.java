package org.distriplace.inspector.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.inspector.Script;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceFileTest {

    @TempDir
    Path dir;

    @Test
    void aSavedTraceLoadsBackEventForEvent() throws IOException {
        Path file = dir.resolve("lesson.dptrace");
        TraceFile.save(file, Script.leaderCrash());
        List<NodeEvent> loaded = TraceFile.load(file);
        assertEquals(Script.leaderCrash(), loaded);
        assertEquals(TraceFile.HEADER, Files.readAllLines(file).get(0));
    }

    @Test
    void aFileThatIsNotATraceOrHasABadLineIsRefusedNamingTheLine() throws IOException {
        Path notTrace = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        assertTrue(assertThrows(IOException.class, () -> TraceFile.load(notTrace)).getMessage()
            .contains("not a distri-place trace"));
        Path file = dir.resolve("broken.dptrace");
        TraceFile.save(file, Script.leaderCrash().subList(0, 3));
        Files.writeString(file, "{\"type\":\"RoleChanged\",\"at\":\"soon\"}\n", StandardOpenOption.APPEND);
        IOException error = assertThrows(IOException.class, () -> TraceFile.load(file));
        assertTrue(error.getMessage().contains("line 5"), error.getMessage());
    }
}
