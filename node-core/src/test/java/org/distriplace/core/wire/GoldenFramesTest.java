package org.distriplace.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.distriplace.core.message.PeerMessage;
import org.junit.jupiter.api.Test;

/**
 * Pins one frame of every message kind on both wires, byte for byte: a one-shard cluster ({@code --shards 1x1})
 * must send exactly what older builds send, so mixed versions keep talking and recorded frames stay readable
 * (ADR 0017). A change meant to alter a frame regenerates the file with {@code -Dgolden.write=true} and says why
 * in its commit message.
 */
class GoldenFramesTest {

    private static final String RESOURCE = "golden-frames.txt";
    private static final Path SOURCE = Path.of("src/test/resources/org/distriplace/core/wire", RESOURCE);

    private final PeerCodec codec = new PeerCodec(64 * 1024);

    @Test
    void everyKindIsFramedExactlyAsPinnedOnBothWires() throws IOException {
        String now = frames();
        if (Boolean.getBoolean("golden.write")) {
            Files.createDirectories(SOURCE.getParent());
            Files.writeString(SOURCE, now);
            return; // regenerated: the next run compares against it
        }
        String pinned = new String(GoldenFramesTest.class.getResourceAsStream(RESOURCE).readAllBytes(),
            StandardCharsets.UTF_8);
        assertEquals(pinned, now, "a frame changed; if the change is meant, rerun with -Dgolden.write=true and say"
            + " why in the commit");
    }

    /** Each sample as its JSON text, then its binary frame in hex (the JSON again where compact does not cover it). */
    private String frames() {
        StringBuilder text = new StringBuilder("# kind, then json and binary frames (GoldenFramesTest)\n");
        List<PeerMessage> samples = PeerCodecTest.oneOfEachKind();
        for (PeerMessage message : samples) {
            String json = codec.encodeToString(message);
            byte[] binary = codec.encode(message, Wire.BINARY);
            text.append(message.kind()).append('\n').append("json ").append(json).append('\n').append("binary ")
                .append(Arrays.equals(binary, json.getBytes(StandardCharsets.UTF_8)) ? "the json"
                    : HexFormat.of().formatHex(binary)).append('\n');
        }
        return text.toString();
    }
}
