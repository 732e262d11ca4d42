package org.distriplace.bench;

import io.netty.buffer.ByteBuf;
import java.util.function.IntConsumer;

/** Reading the node's binary {@code pixels} frames, as an observer asking {@code ?pixels=binary} receives them. */
final class BinaryPixelFrames {

    private BinaryPixelFrames() {
    }

    /**
     * The pixels of a binary {@code pixels} frame (byte 1, then five bytes a pixel: its offset {@code y * width + x},
     * which is our pixel number, and its palette index), in order; nothing for any other frame.
     */
    static void pixels(ByteBuf content, IntConsumer pixel) {
        if (content.readableBytes() < 1 || content.getByte(content.readerIndex()) != 1) {
            return;
        }
        for (int i = content.readerIndex() + 1; i + 5 <= content.writerIndex(); i += 5) {
            pixel.accept(content.getInt(i));
        }
    }
}
