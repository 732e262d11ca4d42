package org.distriplace.core.wire;

import static org.distriplace.core.model.TestWrites.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.distriplace.core.canvas.TileState;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.model.AccountEntry;
import org.distriplace.core.model.Batch;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Membership;
import org.distriplace.core.model.PrunedGrants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeerCodecTest {

    private final PeerCodec codec = new PeerCodec(64 * 1024);
    private static final VectorClock CLOCK = VectorClock.of(Map.of(1, 5L, 3, 8L));
    private static final AccountEntry ACCOUNT = new AccountEntry(AccountChange.register("carol", "pbkdf2-sha512$2$AA$BB"),
        2, 12, 345, 3, 1, 4, 8);

    static List<PeerMessage> oneOfEachKind() {
        return List.of(
            new PeerMessage.PixelUpdate(2, 77, "alice", 50, 30, Color.of("#FF4500"), 123456789L, CLOCK),
            new PeerMessage.PixelUpdates(2, List.of(
                new PeerMessage.PixelUpdate(2, 78, "alice", 51, 30, Color.of("#FF4500"), 123456790L, CLOCK),
                new PeerMessage.PixelUpdate(2, 79, "bob", 0, 0, Color.of("#000000"), 123456791L, CLOCK))),
            new PeerMessage.PlaceRejected(3, 77, "COOLDOWN", 4_200),
            new PeerMessage.Heartbeat(2, 99, "healthy", 4, 3,
                Membership.initial(List.of(1, 2, 3)).with(4, "10.0.0.4:7100")),
            new PeerMessage.JoinRequest(4, "10.0.0.4:7100", CLOCK, true),
            new PeerMessage.RemoveRequest(2, 5),
            new PeerMessage.HistoryRequest(2, 3, 1, 500),
            new PeerMessage.HistoryResponse(3, 3, 1, 2, List.of(write(3, 1, 4, 4), write(3, 2, 5, 5))),
            new PeerMessage.Join(1, 2, CLOCK),
            new PeerMessage.Welcome(3, 4, 3),
            new PeerMessage.Election(1, 1, 4),
            new PeerMessage.Answer(3, 4),
            new PeerMessage.Coordinator(3, 5),
            new PeerMessage.Promise(2, 5, 4, List.of(new Batch(4, 7, 3, List.of(write(3, 9, 1, 2)))), CLOCK,
                Membership.initial(List.of(1, 2, 3)), CLOCK),
            new PeerMessage.Promise(2, 5, 4, List.of(new Batch(4, 8, 3, List.of(), null, List.of(ACCOUNT))), CLOCK,
                Membership.initial(List.of(1, 2, 3)), VectorClock.EMPTY.with(3, 1)),
            new PeerMessage.AccountUpdate(1, 77, AccountChange.register("alice", "pbkdf2-sha512$1$AA$BB"), 99),
            new PeerMessage.AccountUpdate(1, 78, new AccountChange(AccountChange.Kind.BAN, "bob", "spam", "alice"),
                99),
            new PeerMessage.AccountsRequest(2, CLOCK),
            new PeerMessage.AccountsResponse(3, VectorClock.EMPTY.with(3, 1), List.of(ACCOUNT), List.of()),
            new PeerMessage.Refuse(2, 5, 3, MessageKind.PREPARE),
            new PeerMessage.Prepare(42, 5, 3, List.of(write(3, 10, 10, 20)), new PeerMessage.Decision(41, true)),
            new PeerMessage.Prepare(44, 5, 3, List.of(), null, Membership.initial(List.of(1, 2, 3)).with(4, "h:1"),
                CLOCK),
            new PeerMessage.Prepare(45, 5, 3, List.of(), null, null, null, List.of(ACCOUNT)),
            new PeerMessage.Vote(42, 5, 2, true),
            new PeerMessage.Commit(42, 5, 3),
            new PeerMessage.Abort(43, 5, 3),
            new PeerMessage.SyncRequest(2, "a3f5c8", CLOCK, new long[] {1, -2, 3}),
            new PeerMessage.SyncResponse(3, CLOCK, List.of(write(1, 6, 15, 25)),
                List.of(new TileState(2, new byte[] {1, 31}, new long[] {0, 77}, new int[] {0, 1})),
                Map.of("alice", 12345L), Map.of(3, List.of(7L, 8L)), 9, 1, 2),
            BundleFramesTest.bundle());
    }

    @Test
    void everyKindHasASample() {
        Set<MessageKind> sampled = oneOfEachKind().stream().map(PeerMessage::kind).collect(Collectors.toSet());
        assertEquals(EnumSet.allOf(MessageKind.class), sampled);
    }

    @ParameterizedTest
    @MethodSource("oneOfEachKind")
    void roundTripsEveryMessageType(PeerMessage message) {
        String json = codec.encodeToString(message);
        assertTrue(json.startsWith("{\"type\":\"" + message.kind().name() + "\""), json);
        PeerMessage decoded = assertInstanceOf(Decoded.Ok.class, codec.decode(json)).message();
        assertEquals(message.getClass(), decoded.getClass());
        assertEquals(json, codec.encodeToString(decoded), "decode(encode(m)) encodes identically");
        if (!(message instanceof PeerMessage.SyncRequest || message instanceof PeerMessage.SyncResponse)) {
            assertEquals(message, decoded); // records with array fields compare by identity
        }
    }

    @Test
    void anAccountsResponseNamesPrunedGrantsOnlyWhenItHasSome() {
        PeerMessage.AccountsResponse plain = new PeerMessage.AccountsResponse(3, VectorClock.EMPTY.with(3, 1),
            List.of(ACCOUNT), List.of());
        String json = codec.encodeToString(plain);
        assertFalse(json.contains("pruned"), json);
        assertEquals(plain, assertInstanceOf(Decoded.Ok.class, codec.decode(json)).message());

        PeerMessage.AccountsResponse withRuns = new PeerMessage.AccountsResponse(3, VectorClock.EMPTY.with(3, 9),
            List.of(ACCOUNT), List.of(new PrunedGrants(3, 2, 9)));
        String runs = codec.encodeToString(withRuns);
        assertTrue(runs.contains("\"pruned\":[{\"node_id\":3,\"first\":2,\"last\":9}]"), runs);
        assertEquals(withRuns, assertInstanceOf(Decoded.Ok.class, codec.decode(runs)).message());

        assertEquals(DecodeError.Reason.BAD_FIELD, reason(runs.replace("\"first\":2", "\"first\":0")));
        assertEquals(DecodeError.Reason.BAD_FIELD, reason(json.replace("\"entries\"", "\"entriez\"")));
    }

    @Test
    void usesTheSeedShapes() {
        String prepare = codec.encodeToString(oneOfEachKind().stream()
            .filter(PeerMessage.Prepare.class::isInstance).findFirst().orElseThrow());
        assertTrue(prepare.contains("\"proposal_id\":42"), prepare);
        assertTrue(prepare.contains("\"batch\":[{\"x\":10,\"y\":20,\"color\":\"#FF4500\""), prepare);
        assertTrue(prepare.contains("\"vector_clock\":{\"3\":10}"), prepare);
        String vote = codec.encodeToString(new PeerMessage.Vote(42, 5, 3, true));
        assertEquals("{\"type\":\"VOTE\",\"proposal_id\":42,\"epoch\":5,\"node_id\":3,\"accept\":true}", vote);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "not json", "{", "[1,2]", "null", "42", "{\"type\":\"VOTE\",\"proposal_id\":1,\"epoch\":1,\"node_id\":2,\"accept\":true} x",
    })
    void malformedFramesAreTypedErrors(String frame) {
        DecodeError error = assertInstanceOf(Decoded.Failed.class, codec.decode(frame)).error();
        assertTrue(Set.of(DecodeError.Reason.MALFORMED_JSON, DecodeError.Reason.BAD_FIELD).contains(error.reason()),
            error.toString());
    }

    @Test
    void unknownAndMissingTypesAreNamed() {
        assertEquals(DecodeError.Reason.UNKNOWN_TYPE, reason("{\"type\":\"SELF_DESTRUCT\",\"node_id\":1}"));
        assertEquals(DecodeError.Reason.MISSING_TYPE, reason("{\"node_id\":1,\"epoch\":2}"));
    }

    @Test
    void wrongFieldsAreBadFieldErrors() {
        assertEquals(DecodeError.Reason.BAD_FIELD, reason("{\"type\":\"VOTE\",\"proposal_id\":\"x\",\"epoch\":1,"
            + "\"node_id\":2,\"accept\":true}"));
        assertEquals(DecodeError.Reason.BAD_FIELD, reason("{\"type\":\"VOTE\",\"epoch\":1,\"node_id\":2,"
            + "\"accept\":true}"));
        assertEquals(DecodeError.Reason.BAD_FIELD, reason("{\"type\":\"PIXEL_UPDATE\",\"node_id\":2,\"request_id\":1,"
            + "\"user\":\"a\",\"x\":1,\"y\":1,\"color\":\"orange\",\"timestamp\":1,\"vector_clock\":{}}"));
        assertEquals(DecodeError.Reason.BAD_FIELD, reason("{\"type\":\"JOIN\",\"node_id\":2,\"epoch\":1,"
            + "\"version\":{\"x\":1}}"));
        assertEquals(DecodeError.Reason.BAD_FIELD, reason("{\"type\":\"HEARTBEAT\",\"node_id\":2,\"timestamp\":1,"
            + "\"status\":null,\"epoch\":1,\"leader_id\":1}"));
    }

    @Test
    void oversizedAndDeeplyNestedFramesAreRefused() {
        byte[] huge = new byte[64 * 1024 + 1];
        Arrays.fill(huge, (byte) ' ');
        assertEquals(DecodeError.Reason.TOO_LARGE,
            assertInstanceOf(Decoded.Failed.class, codec.decode(huge)).error().reason());
        String deep = "{\"type\":\"JOIN\",\"node_id\":1,\"epoch\":1,\"version\":{},\"x\":"
            + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        assertInstanceOf(Decoded.Failed.class, new PeerCodec().decode(deep));
    }

    @Test
    void randomBytesNeverEscapeAsExceptions() {
        Random random = new Random(5);
        List<byte[]> valid = oneOfEachKind().stream().map(codec::encode).toList();
        for (int i = 0; i < 5_000; i++) {
            byte[] frame = i % 2 == 0 ? randomBytes(random) : mutate(valid.get(random.nextInt(valid.size())), random);
            Decoded decoded = codec.decode(frame);
            assertTrue(decoded instanceof Decoded.Ok || decoded instanceof Decoded.Failed);
        }
    }

    private DecodeError.Reason reason(String frame) {
        return assertInstanceOf(Decoded.Failed.class, codec.decode(frame.getBytes(StandardCharsets.UTF_8)))
            .error().reason();
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] mutate(byte[] frame, Random random) {
        byte[] copy = frame.clone();
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(128);
        }
        return copy;
    }
}
