package org.distriplace.core.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Decodes an animated GIF with the JDK's own reader (not ours) and draws each frame over the one before (its
 * transparent pixels leaving the one below), as a viewer shows it: the frames as 0xRRGGBB pixels, row-major, plus each frame's delay.
 */
public final class GifFrames {

    /** The animation as shown: every frame whole, and how long it shows (hundredths of a second). */
    public record Decoded(int width, int height, List<int[]> frames, List<Integer> delays) {
    }

    private GifFrames() {
    }

    public static Decoded decode(byte[] gif) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            reader.setInput(in, false);
            Node screen = reader.getStreamMetadata().getAsTree("javax_imageio_gif_stream_1.0");
            Element descriptor = child(screen, "LogicalScreenDescriptor");
            int width = Integer.parseInt(descriptor.getAttribute("logicalScreenWidth"));
            int height = Integer.parseInt(descriptor.getAttribute("logicalScreenHeight"));
            int count = reader.getNumImages(true);
            List<int[]> frames = new ArrayList<>();
            List<Integer> delays = new ArrayList<>();
            int[] shown = new int[width * height];
            for (int i = 0; i < count; i++) {
                BufferedImage image = reader.read(i);
                IIOMetadata metadata = reader.getImageMetadata(i);
                Node tree = metadata.getAsTree("javax_imageio_gif_image_1.0");
                Element place = child(tree, "ImageDescriptor");
                int left = Integer.parseInt(place.getAttribute("imageLeftPosition"));
                int top = Integer.parseInt(place.getAttribute("imageTopPosition"));
                for (int y = 0; y < image.getHeight(); y++) {
                    for (int x = 0; x < image.getWidth(); x++) {
                        int argb = image.getRGB(x, y);
                        if (argb >>> 24 != 0) { // a transparent pixel leaves the one below showing
                            shown[(top + y) * width + left + x] = argb & 0xFFFFFF;
                        }
                    }
                }
                frames.add(shown.clone());
                delays.add(Integer.parseInt(child(tree, "GraphicControlExtension").getAttribute("delayTime")));
            }
            return new Decoded(width, height, frames, delays);
        } finally {
            reader.dispose();
        }
    }

    private static Element child(Node parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeName().equals(name)) {
                return (Element) node;
            }
        }
        throw new IllegalStateException("no " + name + " in the GIF's metadata");
    }
}
