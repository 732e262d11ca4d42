package org.distriplace.inspector.trace;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.wire.EventCodec;

/**
 * A saved inspector trace: a header line, then one event per line as JSON ({@link EventCodec}), in the order the
 * inspector received them. Reloading one replays it in the inspector.
 */
public final class TraceFile {

    /** The first line of every trace file. */
    public static final String HEADER = "# distri-place trace v1";

    private static final EventCodec CODEC = new EventCodec();

    private TraceFile() {
    }

    public static void save(Path file, List<NodeEvent> events) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.newLine();
            for (NodeEvent event : events) {
                out.write(CODEC.encode(event));
                out.newLine();
            }
        }
    }

    /**
     * Reads a whole trace.
     *
     * @throws IOException naming the line, when the file is not a trace or a line is not an event
     */
    public static List<NodeEvent> load(Path file) throws IOException {
        List<NodeEvent> events = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (!HEADER.equals(header)) {
                throw new IOException(file.getFileName() + " is not a distri-place trace (its first line is not \""
                    + HEADER + "\")");
            }
            int number = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    events.add(CODEC.decode(line));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file.getFileName() + " line " + number + ": " + e.getMessage(), e);
                }
            }
        }
        return events;
    }
}
