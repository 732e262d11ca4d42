package org.distriplace.core.wire;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.history.ChunkCodec;
import org.distriplace.core.message.PeerMessage;
import org.distriplace.core.model.PixelWrite;

/**
 * The compact binary form of the hot peer messages: forwarded batches ({@code PIXEL_UPDATES}), {@code PREPARE}
 * and the delta parts of {@code SYNC_RESPONSE}. The same records as the JSON form, so the node, the inspector and
 * the traces see the same messages whichever form carried them.
 *
 * <p>A frame starts with its {@link Tag} byte (never {@code '{'} or whitespace, so a reader tells it from JSON by
 * its first byte), then varints. Lists of committed writes are a {@link ChunkCodec} chunk, the history's own
 * form (10-14 bytes a write: a leader's consecutive writes repeat node, provenance and origin and advance only its
 * own clock entry), with the message's users in a table before it. Messages this form does not cover (a PREPARE
 * that changes the membership or orders account changes, full-state tiles) are left to JSON: {@link #covers}.
 * Pure and stateless.
 */
public final class CompactCodec {

    /** The first byte of a compact frame: which message follows. */
    enum Tag {
        PIXEL_UPDATES(1), PREPARE(2), SYNC_RESPONSE(3);

        final int code;

        Tag(int code) {
            this.code = code;
        }

        static Tag of(int code) {
            for (Tag tag : values()) {
                if (tag.code == code) {
                    return tag;
                }
            }
            throw new IllegalArgumentException("unknown compact message tag " + code);
        }
    }

    /** The highest tag: a first byte from 1 to this starts a compact frame. */
    private static final int LAST_TAG = Tag.values().length;

    private static final int NO_DECISION = 0;
    private static final int COMMITTED = 1;
    private static final int ABORTED = 2;

    private CompactCodec() {
    }

    /** Whether {@code first} starts a compact frame rather than a JSON one. */
    public static boolean isCompact(byte first) {
        return first >= 1 && first <= LAST_TAG;
    }

    /** Whether this form carries {@code message}; the others go as JSON. */
    public static boolean covers(PeerMessage message) {
        if (message instanceof PeerMessage.PixelUpdates) {
            return true;
        }
        if (message instanceof PeerMessage.Prepare prepare) {
            return prepare.config() == null && prepare.required() == null && prepare.accounts().isEmpty();
        }
        return message instanceof PeerMessage.SyncResponse sync && sync.tiles().isEmpty();
    }

    /** {@code message} in compact form; only for messages it {@link #covers}. */
    public static byte[] encode(PeerMessage message) {
        Varints.Out out = new Varints.Out();
        if (message instanceof PeerMessage.PixelUpdates updates) {
            out.raw(Tag.PIXEL_UPDATES.code);
            CompactUpdates.write(out, updates);
        } else if (message instanceof PeerMessage.Prepare prepare && covers(prepare)) {
            out.raw(Tag.PREPARE.code);
            out.signed(prepare.proposalId());
            out.varint(prepare.epoch());
            out.varint(prepare.nodeId());
            writeDecision(out, prepare.previous());
            writeWrites(out, prepare.batch());
        } else if (message instanceof PeerMessage.SyncResponse sync && covers(sync)) {
            out.raw(Tag.SYNC_RESPONSE.code);
            writeSync(out, sync);
        } else {
            throw new IllegalArgumentException("no compact form for " + message.kind());
        }
        return out.toByteArray();
    }

    /** The message a compact frame holds; an {@link IllegalArgumentException} names what is wrong with it. */
    public static PeerMessage decode(byte[] frame) {
        Varints.In in = new Varints.In(frame);
        Tag tag = Tag.of(in.raw());
        PeerMessage message = switch (tag) {
            case PIXEL_UPDATES -> CompactUpdates.read(in);
            case PREPARE -> readPrepare(in);
            case SYNC_RESPONSE -> readSync(in);
        };
        if (!in.done()) {
            throw new IllegalArgumentException("bytes left after a " + message.kind());
        }
        return message;
    }

    private static PeerMessage.Prepare readPrepare(Varints.In in) {
        long proposalId = in.signed();
        long epoch = in.varint();
        int nodeId = in.varintInt();
        PeerMessage.Decision previous = readDecision(in);
        return new PeerMessage.Prepare(proposalId, epoch, nodeId, readWrites(in), previous);
    }

    /** {@code writes} as the compact form's list of writes: a users table, then a chunk (about 14 bytes a write). */
    public static byte[] writes(List<PixelWrite> writes) {
        Varints.Out out = new Varints.Out();
        writeWrites(out, writes);
        return out.toByteArray();
    }

    /** The writes {@link #writes(List)} encoded. */
    public static List<PixelWrite> writes(byte[] encoded) {
        Varints.In in = new Varints.In(encoded);
        List<PixelWrite> writes = readWrites(in);
        if (!in.done()) {
            throw new IllegalArgumentException("bytes left after a list of writes");
        }
        return writes;
    }

    private static void writeDecision(Varints.Out out, PeerMessage.Decision decision) {
        if (decision == null) {
            out.raw(NO_DECISION);
        } else {
            out.raw(decision.committed() ? COMMITTED : ABORTED);
            out.signed(decision.proposalId());
        }
    }

    private static PeerMessage.Decision readDecision(Varints.In in) {
        int kind = in.raw();
        if (kind == NO_DECISION) {
            return null;
        }
        if (kind != COMMITTED && kind != ABORTED) {
            throw new IllegalArgumentException("unknown decision " + kind);
        }
        return new PeerMessage.Decision(in.signed(), kind == COMMITTED);
    }

    /** Writes as a users table, then a chunk (positions on a grid as wide as the widest x needs). */
    static void writeWrites(Varints.Out out, List<PixelWrite> writes) {
        int width = 1;
        for (PixelWrite write : writes) {
            width = Math.max(width, write.x() + 1);
        }
        UserTable users = UserTable.of(writes.stream().map(PixelWrite::user).toList());
        users.write(out);
        byte[] chunk = ChunkCodec.encode(writes, width, users::indexOf);
        out.varint(chunk.length);
        out.bytes(chunk);
    }

    static List<PixelWrite> readWrites(Varints.In in) {
        UserTable users = UserTable.read(in);
        byte[] chunk = in.bytes(in.count(1));
        return ChunkCodec.decode(chunk, users::name);
    }

    private static void writeSync(Varints.Out out, PeerMessage.SyncResponse sync) {
        out.varint(sync.nodeId());
        out.clock(sync.version());
        out.signed(sync.syncId());
        out.varint(sync.part());
        out.varint(sync.parts());
        out.varint(sync.cooldowns().size());
        sync.cooldowns().forEach((user, until) -> {
            out.string(user);
            out.signed(until);
        });
        out.varint(sync.recentRequests().size());
        sync.recentRequests().forEach((origin, requests) -> {
            out.varint(origin);
            out.varint(requests.size());
            requests.forEach(out::signed);
        });
        writeWrites(out, sync.missingUpdates());
    }

    private static PeerMessage.SyncResponse readSync(Varints.In in) {
        int nodeId = in.varintInt();
        VectorClock version = in.clock();
        long syncId = in.signed();
        int part = in.varintInt();
        int parts = in.varintInt();
        Map<String, Long> cooldowns = new HashMap<>();
        for (int i = in.count(2); i > 0; i--) {
            cooldowns.put(in.string(UserTable.MAX_USER_BYTES), in.signed());
        }
        Map<Integer, List<Long>> recent = new HashMap<>();
        for (int i = in.count(2); i > 0; i--) {
            int origin = in.varintInt();
            long[] requests = new long[in.count(1)];
            for (int r = 0; r < requests.length; r++) {
                requests[r] = in.signed();
            }
            recent.put(origin, Arrays.stream(requests).boxed().toList());
        }
        return new PeerMessage.SyncResponse(nodeId, version, readWrites(in), List.of(), cooldowns, recent, syncId,
            part, parts);
    }
}
