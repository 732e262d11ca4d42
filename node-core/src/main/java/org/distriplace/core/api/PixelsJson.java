package org.distriplace.core.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.distriplace.core.read.CanvasImage;
import org.distriplace.core.read.ReadView;

/**
 * The seed's {@code GET /canvas} body, {@code {"width":W,"height":H,"pixels":{"x,y":"#RRGGBB",...},
 * "version":{"1":n,...}}}, written as ASCII straight from the canvas. The painted pixels are encoded band by band,
 * and a band's text is kept while the band is: a commit touching one band re-encodes one band, not the canvas.
 * Not thread-safe: its owner encodes one view at a time.
 */
final class PixelsJson {

    private static final byte[] NONE = new byte[0];

    private CanvasImage encoded;
    private byte[][] bands;

    /** The body for {@code view}, reusing the text of every band it shares with the view encoded before. */
    byte[] encode(ReadView view) {
        CanvasImage canvas = view.canvas();
        byte[][] next = new byte[canvas.bandCount()][];
        for (int band = 0; band < next.length; band++) {
            boolean kept = encoded != null && encoded.bandCount() == next.length
                && canvas.sharesBandWith(encoded, band);
            next[band] = kept ? bands[band] : band(canvas, band);
        }
        encoded = canvas;
        bands = next;
        return body(view, next);
    }

    private static byte[] body(ReadView view, byte[][] bands) {
        int size = 64;
        for (byte[] band : bands) {
            size += band.length + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 24 * view.version().size());
        ascii(out, "{\"width\":" + view.canvas().width() + ",\"height\":" + view.canvas().height() + ",\"pixels\":{");
        boolean first = true;
        for (byte[] band : bands) {
            if (band.length > 0) {
                if (!first) {
                    out.write(',');
                }
                out.write(band, 0, band.length);
                first = false;
            }
        }
        ascii(out, "},\"version\":{");
        first = true;
        for (Map.Entry<Integer, Long> entry : view.version().asMap().entrySet()) {
            ascii(out, (first ? "\"" : ",\"") + entry.getKey() + "\":" + entry.getValue());
            first = false;
        }
        ascii(out, "}}");
        return out.toByteArray();
    }

    /** One band's painted pixels as {@code "x,y":"#RRGGBB"} entries joined by commas; empty when none. */
    static byte[] band(CanvasImage canvas, int band) {
        int background = canvas.palette().backgroundIndex();
        int width = canvas.width();
        int firstRow = canvas.firstRow(band);
        ByteArrayOutputStream out = null;
        byte[][] colors = null;
        for (int i = 0; i < canvas.bandLength(band); i++) {
            int index = canvas.indexInBand(band, i);
            if (index == background) {
                continue;
            }
            if (out == null) {
                out = new ByteArrayOutputStream(1024);
                colors = quotedColors(canvas);
            } else {
                out.write(',');
            }
            out.write('"');
            digits(out, i % width);
            out.write(',');
            digits(out, firstRow + i / width);
            out.write('"');
            out.write(':');
            out.write(colors[index], 0, colors[index].length);
        }
        return out == null ? NONE : out.toByteArray();
    }

    /** {@code "#RRGGBB"}, quotes included, per palette index. */
    private static byte[][] quotedColors(CanvasImage canvas) {
        byte[][] colors = new byte[canvas.palette().size()][];
        for (int i = 0; i < colors.length; i++) {
            colors[i] = ("\"" + canvas.palette().color(i).hex() + "\"").getBytes(StandardCharsets.US_ASCII);
        }
        return colors;
    }

    private static void digits(ByteArrayOutputStream out, int value) {
        if (value >= 10) {
            digits(out, value / 10);
        }
        out.write('0' + value % 10);
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes, 0, bytes.length);
    }
}
