package org.distriplace.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.distriplace.core.protocol.shard.ShardGrid;
import org.distriplace.core.protocol.shard.ShardMap;

/**
 * Rendezvous hashing (what nodes use, {@link ShardMap}) beside a hash ring with virtual nodes
 * ({@code bench --phases shardmap}): for clusters of 3 to 1000 members holding 100 shards three times, how many
 * replicas move when one member joins or leaves (against a fair share), how evenly the replicas spread, and
 * how long a member takes to compute the map. The figures ADR 0016 quotes.
 */
final class ShardPlacementBench {

    private static final int SHARDS_SIDE = 10;
    private static final int REPLICAS = 3;
    private static final int CHANGES = 50;
    private static final int[] SIZES = {3, 9, 27, 81, 243, 1000};

    /** One way of choosing replicas: from the members, each shard's. */
    private record Scheme(String name, BiFunction<List<Integer>, Integer, List<List<Integer>>> place) {
    }

    private final PrintWriter out;

    ShardPlacementBench(PrintWriter out) {
        this.out = out;
    }

    void run(ObjectNode report) {
        ShardGrid grid = ShardGrid.of(10_000, 10_000, SHARDS_SIDE, SHARDS_SIDE);
        int shards = grid.shards().size();
        List<Scheme> schemes = List.of(
            new Scheme("rendezvous", (members, version) -> {
                ShardMap map = new ShardMap(version, grid, REPLICAS, members);
                return IntStream.range(0, shards).mapToObj(map::replicas).toList();
            }),
            ring(shards, 16), ring(shards, 256));
        ArrayNode rows = report.putObject("shard_map").put("shards", shards).put("replicas", REPLICAS)
            .putArray("rows");
        say("shard map: %d shards of a 10000x10000 canvas, %d replicas each; replicas moved by one member joining "
            + "or leaving (mean of %d each; a fair share beside it), spread (fewest and most shards a member holds), "
            + "time to compute a map", shards, REPLICAS, CHANGES);
        for (int size : SIZES) {
            for (Scheme scheme : schemes) {
                rows.add(measure(scheme, size, shards));
            }
        }
    }

    private static Scheme ring(int shards, int virtualNodes) {
        return new Scheme("ring, " + virtualNodes + " virtual nodes", (members, version) -> {
            HashRing ring = new HashRing(members, virtualNodes);
            return IntStream.range(0, shards).mapToObj(shard -> ring.replicas(shard, REPLICAS)).toList();
        });
    }

    private ObjectNode measure(Scheme scheme, int size, int shards) {
        Random random = new Random(size);
        List<Integer> members = IntStream.rangeClosed(1, size).boxed().toList();
        List<List<Integer>> base = scheme.place().apply(members, 1);
        double joined = 0;
        double left = 0;
        long computing = 0;
        for (int i = 0; i < CHANGES; i++) {
            List<Integer> more = new ArrayList<>(members);
            more.add(size + 1 + i);
            long started = System.nanoTime();
            joined += moved(base, scheme.place().apply(more, 2));
            computing += System.nanoTime() - started;
            List<Integer> fewer = new ArrayList<>(members);
            fewer.remove(random.nextInt(fewer.size()));
            left += moved(base, scheme.place().apply(fewer, 2));
        }
        double computeMs = computing / 1e6 / CHANGES;
        int[] held = new int[size + 1];
        base.forEach(replicas -> replicas.forEach(member -> held[member]++));
        int most = IntStream.rangeClosed(1, size).map(m -> held[m]).max().orElse(0);
        int fewest = IntStream.rangeClosed(1, size).map(m -> held[m]).min().orElse(0);
        int slots = shards * Math.min(REPLICAS, size);
        // A fair scheme moves, on average, exactly the share a member holds: the joiner's, or the leaver's (which
        // nobody takes while there are no more members than replicas).
        double fairOnJoin = size < REPLICAS ? shards : (double) shards * REPLICAS / (size + 1);
        double fairOnLeave = size > REPLICAS ? (double) slots / size : 0;
        say("  %4d members, %-26s join %6.1f (fair %6.1f)  leave %6.1f (fair %6.1f)  held %d to %d (mean %.1f)  "
            + "%.2f ms", size, scheme.name(), joined / CHANGES, fairOnJoin, left / CHANGES, fairOnLeave, fewest,
            most, (double) slots / size, computeMs);
        ObjectNode row = Benchmark.JSON.createObjectNode().put("members", size).put("scheme", scheme.name())
            .put("moved_on_join", joined / CHANGES).put("fair_on_join", fairOnJoin)
            .put("moved_on_leave", left / CHANGES).put("fair_on_leave", fairOnLeave)
            .put("most_held", most).put("fewest_held", fewest).put("compute_ms", computeMs);
        return row;
    }

    /** The replicas of {@code after} that {@code before} did not have: each one a shard copied to a member. */
    private static int moved(List<List<Integer>> before, List<List<Integer>> after) {
        int moved = 0;
        for (int shard = 0; shard < before.size(); shard++) {
            List<Integer> was = before.get(shard);
            moved += (int) after.get(shard).stream().filter(member -> !was.contains(member)).count();
        }
        return moved;
    }

    private void say(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
