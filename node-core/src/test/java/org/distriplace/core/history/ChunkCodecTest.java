package org.distriplace.core.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.distriplace.core.clock.Hlc;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Palette;
import org.distriplace.core.model.PixelWrite;
import org.junit.jupiter.api.Test;

class ChunkCodecTest {

    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<Integer, String> names = new HashMap<>();

    private int idOf(String user) {
        return ids.computeIfAbsent(user, name -> {
            names.put(ids.size(), name);
            return ids.size();
        });
    }

    /** Batches from changing leaders, as a cluster commits them; now and then a write out of order (a backfill). */
    static List<PixelWrite> workload(Random random, int count, int width, int height) {
        List<Color> palette = Palette.rPlace2022().colors();
        List<PixelWrite> writes = new ArrayList<>();
        VectorClock clock = VectorClock.EMPTY;
        int leader = 3;
        long epoch = 1;
        long batch = 1;
        long ms = 1_700_000_000_000L;
        while (writes.size() < count) {
            if (random.nextInt(20) == 0) {
                leader = 1 + random.nextInt(5);
                epoch++;
                batch = 0;
            }
            batch++;
            int size = 1 + random.nextInt(random.nextBoolean() ? 3 : 400);
            for (int i = 0; i < size && writes.size() < count; i++) {
                ms += random.nextInt(3);
                clock = clock.with(leader, clock.get(leader) + 1);
                long stamp = Hlc.pack(ms, random.nextInt(4));
                int origin = 1 + random.nextInt(5);
                String user = random.nextInt(10) == 0 ? "ünïcode-" + random.nextInt(50)
                    : "addr-10.0.0." + random.nextInt(200);
                writes.add(new PixelWrite(random.nextInt(width), random.nextInt(height),
                    palette.get(random.nextInt(palette.size())), user, origin, stamp - random.nextInt(400_000), stamp,
                    leader, clock, epoch, batch));
            }
            if (random.nextInt(30) == 0 && writes.size() > 10) {
                PixelWrite old = writes.get(random.nextInt(writes.size() - 5));
                writes.add(old);
            }
        }
        return writes;
    }

    @Test
    void randomWorkloadsComeBackWriteForWrite() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            int width = 1 + random.nextInt(2000);
            int height = 1 + random.nextInt(2000);
            List<PixelWrite> writes = workload(random, 1 + random.nextInt(3_000), width, height);
            byte[] plain = ChunkCodec.encode(writes, width, this::idOf);
            assertEquals(writes, ChunkCodec.decode(plain, names::get), "seed " + seed);
            byte[] body = seed % 2 == 0 ? ChunkCodec.deflate(plain) : plain;
            assertEquals(writes, ChunkCodec.decode(body, names::get), "seed " + seed + ", deflated");
            assertEquals(writes.size(), ChunkCodec.count(body));
            for (int probe = 0; probe < 5; probe++) {
                int index = random.nextInt(writes.size());
                assertEquals(writes.get(index), ChunkCodec.decodeAt(body, index, names::get), "write " + index);
            }
            List<long[]> scanned = new ArrayList<>();
            ChunkCodec.scan(body, (index, x, y, timestamp, dot) -> scanned.add(new long[] {index, x, y, timestamp,
                dot.node(), dot.counter()}));
            for (int i = 0; i < writes.size(); i++) {
                PixelWrite write = writes.get(i);
                assertEquals(Arrays.toString(new long[] {i, write.x(), write.y(), write.timestamp(),
                    write.dot().node(), write.dot().counter()}), Arrays.toString(scanned.get(i)));
            }
        }
    }

    @Test
    void anEmptyChunkAndOddClocksSurvive() {
        assertEquals(List.of(), ChunkCodec.decode(ChunkCodec.encode(List.of(), 10, this::idOf), names::get));
        PixelWrite first = new PixelWrite(0, 0, Color.of("#000000"), "a", 1, 5, 10, 2, VectorClock.EMPTY.with(2, 7)
            .with(9, 1L << 40), 0, 0);
        PixelWrite jump = new PixelWrite(9, 9, Color.of("#FFFFFF"), "a", 1, 99, 3, 2, VectorClock.EMPTY.with(2, 9));
        List<PixelWrite> writes = List.of(first, jump);
        assertEquals(writes, ChunkCodec.decode(ChunkCodec.encode(writes, 10, this::idOf), names::get));
    }

    @Test
    void damagedChunksAreRefusedNotMisread() {
        byte[] body = ChunkCodec.encode(workload(new Random(1), 50, 100, 100), 100, this::idOf);
        assertThrows(IllegalArgumentException.class,
            () -> ChunkCodec.decode(Arrays.copyOf(body, body.length - 3), names::get));
        byte[] unknown = body.clone();
        unknown[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> ChunkCodec.decode(unknown, names::get));
        byte[] deflated = ChunkCodec.deflate(body);
        assertThrows(IllegalArgumentException.class,
            () -> ChunkCodec.decode(Arrays.copyOf(deflated, deflated.length / 2), names::get));
    }
}
