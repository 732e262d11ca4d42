package org.distriplace.core.wire;

import static org.distriplace.core.model.TestWrites.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.PixelWrite;
import org.junit.jupiter.api.Test;

class CompactCodecTest {

    private final PeerCodec codec = new PeerCodec();

    /** A leader's batch as the benchmark makes them: distinct guests, consecutive dots, one origin per run. */
    static List<PixelWrite> leaderBatch(int size) {
        List<PixelWrite> writes = new ArrayList<>();
        VectorClock clock = VectorClock.of(Map.of(1, 40_000L, 2, 7L, 3, 39_000L));
        for (int i = 0; i < size; i++) {
            clock = clock.with(3, clock.get(3) + 1);
            writes.add(new PixelWrite(i * 7 % 1000, i * 13 % 1000, Color.of(i % 2 == 0 ? "#FF4500" : "#2450A4"),
                String.format("%016x", 5_000 + i), 1 + i % 3, 90_000 + i, (1_700_000_000_000L + i / 4) << 16, 3,
                clock, 4, 117));
        }
        return writes;
    }

    private static List<PeerMessage> hotMessages() {
        List<PeerMessage.PixelUpdate> forwarded = new ArrayList<>();
        for (PixelWrite write : leaderBatch(50)) {
            forwarded.add(new PeerMessage.PixelUpdate(2, write.requestId(), write.user(), write.x(), write.y(),
                write.color(), write.timestamp(), VectorClock.EMPTY.with(2, 3)));
        }
        List<PeerMessage> messages = new ArrayList<>(PeerCodecTest.oneOfEachKind());
        messages.add(new PeerMessage.PixelUpdates(2, forwarded));
        messages.add(new PeerMessage.Prepare(-1, 4, 3, leaderBatch(500), new PeerMessage.Decision(116, false)));
        messages.add(new PeerMessage.Prepare(7, 4, 3, List.of(), null));
        messages.add(new PeerMessage.SyncResponse(3, VectorClock.EMPTY.with(3, 9), leaderBatch(20), List.of(),
            Map.of("0000000000001388", 1_700_000_300_000L, "ada", 5L), Map.of(1, List.of(90_000L, -4L), 2, List.of()),
            -77, 2, 3));
        return messages;
    }

    @Test
    void everyMessageReadsBackAsItWasWhicheverFormCarriedIt() {
        for (PeerMessage message : hotMessages()) {
            byte[] binary = codec.encode(message, Wire.BINARY);
            PeerMessage read = assertInstanceOf(Decoded.Ok.class, codec.decode(binary), message.kind().name())
                .message();
            // Compared through JSON: some records hold arrays, which records compare by identity.
            assertEquals(codec.encodeToString(message), codec.encodeToString(read), message.summary());
            boolean binaryForm = CompactCodec.covers(message) || message instanceof PeerMessage.Bundle;
            assertEquals(binaryForm, binary[0] != '{', message.kind() + " compact iff covered, or a bundle");
        }
    }

    @Test
    void theHotMessagesAreCoveredAndMembershipOrAccountChangesOrTilesGoAsJson() {
        List<MessageKind> compact = hotMessages().stream().filter(CompactCodec::covers).map(PeerMessage::kind)
            .distinct().toList();
        assertEquals(List.of(MessageKind.PIXEL_UPDATES, MessageKind.PREPARE, MessageKind.SYNC_RESPONSE), compact);
        assertTrue(hotMessages().stream().anyMatch(m -> m instanceof PeerMessage.Prepare p && p.config() != null
            && !CompactCodec.covers(m)), "a PREPARE that changes the membership stays JSON");
        assertTrue(hotMessages().stream().anyMatch(m -> m instanceof PeerMessage.SyncResponse s
            && !s.tiles().isEmpty() && !CompactCodec.covers(m)), "full-state tiles stay JSON");
    }

    @Test
    void aLeadersPrepareIsAFractionOfItsJson() {
        PeerMessage prepare = new PeerMessage.Prepare(12, 4, 3, leaderBatch(2_000), new PeerMessage.Decision(11, true));
        int json = codec.encode(prepare).length;
        int binary = codec.encode(prepare, Wire.BINARY).length;
        assertTrue(binary * 5 < json, "2,000 writes: " + binary + " bytes compact against " + json + " as JSON");
        assertEquals(codec.encode(prepare).length, codec.encode(prepare, Wire.JSON).length, "the JSON wire is JSON");
    }

    /** Every cut of a valid frame, and random damage, is a named decode failure or a message: never a throw. */
    @Test
    void truncatedOrDamagedFramesAreRefusedByName() {
        Random random = new Random(18);
        for (PeerMessage message : hotMessages()) {
            if (!CompactCodec.covers(message)) {
                continue;
            }
            byte[] frame = codec.encode(message, Wire.BINARY);
            for (int cut = 1; cut < frame.length; cut += Math.max(1, frame.length / 200)) {
                byte[] truncated = java.util.Arrays.copyOf(frame, cut);
                Decoded decoded = codec.decode(truncated);
                DecodeError error = assertInstanceOf(Decoded.Failed.class, decoded, "cut at " + cut).error();
                assertEquals(DecodeError.Reason.MALFORMED_BINARY, error.reason());
            }
            for (int i = 0; i < 300; i++) {
                byte[] damaged = frame.clone();
                damaged[1 + random.nextInt(damaged.length - 1)] ^= (byte) (1 + random.nextInt(255));
                codec.decode(damaged);
            }
        }
    }

    @Test
    void aHugeCountInATinyFrameIsRefusedWithoutAllocatingIt() {
        byte[] frame = {1, 2, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 0};
        DecodeError error = assertInstanceOf(Decoded.Failed.class, codec.decode(frame)).error();
        assertEquals(DecodeError.Reason.MALFORMED_BINARY, error.reason());
        assertTrue(error.message().contains("count"), error.message());
    }
}
