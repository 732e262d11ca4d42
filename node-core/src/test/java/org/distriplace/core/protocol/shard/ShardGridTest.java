package org.distriplace.core.protocol.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShardGridTest {

    @Test
    void everyPixelIsInExactlyOneShardAndShardAtFindsIt() {
        for (int[] size : new int[][] {{10, 7, 3, 2}, {1000, 1000, 3, 3}, {5, 5, 5, 5}, {17, 3, 4, 1}, {64, 64, 1, 1}}) {
            ShardGrid grid = ShardGrid.of(size[0], size[1], size[2], size[3]);
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    int px = x;
                    int py = y;
                    List<Shard> holding = grid.shards().stream().filter(shard -> shard.contains(px, py)).toList();
                    assertEquals(1, holding.size(), "pixel " + x + "," + y + " of " + grid);
                    assertEquals(holding.get(0), grid.shardAt(x, y), "pixel " + x + "," + y + " of " + grid);
                }
            }
        }
    }

    @Test
    void shardsAreAsEvenAsWholePixelsAllowAndNumberedRowByRow() {
        ShardGrid grid = ShardGrid.of(10, 7, 3, 2);
        assertEquals(List.of(new Shard(0, 0, 0, 3, 3), new Shard(1, 3, 0, 3, 3), new Shard(2, 6, 0, 4, 3),
            new Shard(3, 0, 3, 3, 4), new Shard(4, 3, 3, 3, 4), new Shard(5, 6, 3, 4, 4)), grid.shards());
        ShardGrid large = ShardGrid.of(10_000, 10_000, 10, 10);
        assertTrue(large.shards().stream().allMatch(shard -> shard.width() == 1000 && shard.height() == 1000));
    }

    @Test
    void layoutsAreParsedAndImpossibleOnesRefusedByName() {
        assertEquals("3x2", ShardGrid.parse("3X2", 100, 100).toString());
        assertEquals(1, ShardGrid.parse("1x1", 100, 100).shards().size());
        for (String bad : List.of("3", "3x", "ax2", "0x1", "3x-1", "2x2x2", "101x1")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ShardGrid.parse(bad, 100, 100), bad);
            assertTrue(refused.getMessage().contains(bad) || refused.getMessage().contains("cannot be cut"),
                refused.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ShardGrid.of(10, 10, 2, 2).shardAt(10, 0));
    }
}
