package org.distriplace.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.PixelWrite;
import org.junit.jupiter.api.Test;

class BinaryFormatTest {

    private static final PixelWrite WRITE = new PixelWrite(3, 4, Color.of("#FF4500"), "ada", 2, 77, 1_000, 5,
        VectorClock.EMPTY.with(5, 9).with(2, 3), 4, 12);

    @Test
    void writesKeepTheirProvenance() {
        assertEquals(List.of(WRITE), BinaryFormat.writes(BinaryFormat.writes(List.of(WRITE))));
    }

    /** In-doubt batches stored before writes carried provenance still load, with none. */
    @Test
    void writesOfTheFirstFormatLoadWithoutProvenance() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeInt(1);
            out.writeInt(3);
            out.writeInt(4);
            out.writeInt(WRITE.color().rgb());
            out.writeUTF("ada");
            out.writeInt(2);
            out.writeLong(77);
            out.writeLong(1_000);
            out.writeInt(5);
            out.writeShort(2);
            out.writeInt(2);
            out.writeLong(3);
            out.writeInt(5);
            out.writeLong(9);
        }
        PixelWrite old = BinaryFormat.writes(bytes.toByteArray()).get(0);
        assertEquals(new PixelWrite(3, 4, WRITE.color(), "ada", 2, 77, 1_000, 5, WRITE.vectorClock()), old);
        assertEquals(0, old.epoch());
    }
}
