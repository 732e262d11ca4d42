package org.distriplace.inspector.view;

import java.util.Locale;
import javafx.scene.paint.Color;

/** A {@link Sketch} that writes SVG, for slides: vectors scale to any projector. */
final class SvgSketch implements Sketch {

    private final StringBuilder svg = new StringBuilder();
    private final double width;
    private final double height;

    SvgSketch(double width, double height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"%s/>%n",
            x, y, w, h, paint("fill", fill)));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color stroke, double w) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"%s "
            + "stroke-width=\"%.1f\"/>%n", x1, y1, x2, y2, paint("stroke", stroke), w));
    }

    @Override
    public void dashedLine(double x1, double y1, double x2, double y2, Color stroke, double w, double[] dashes) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"%s "
            + "stroke-width=\"%.1f\"%s/>%n", x1, y1, x2, y2, paint("stroke", stroke), w, dashArray(dashes)));
    }

    @Override
    public void arc(double cx, double cy, double r, double start, double length, Color stroke, double w) {
        if (Math.abs(length) >= 360) {
            circle(cx, cy, r, null, stroke, w, null);
            return;
        }
        double from = Math.toRadians(start);
        double to = Math.toRadians(start + length);
        // SVG's y runs down: an angle counter-clockwise on screen is a negative sine.
        svg.append(String.format(Locale.ROOT, "<path d=\"M %.1f %.1f A %.1f %.1f 0 %d %d %.1f %.1f\" fill=\"none\"%s "
            + "stroke-width=\"%.1f\"/>%n", cx + r * Math.cos(from), cy - r * Math.sin(from), r, r,
            Math.abs(length) > 180 ? 1 : 0, length < 0 ? 1 : 0, cx + r * Math.cos(to), cy - r * Math.sin(to),
            paint("stroke", stroke), w));
    }

    @Override
    public void circle(double cx, double cy, double r, Color fill, Color stroke, double strokeWidth,
                       double[] dashes) {
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"%s%s "
            + "stroke-width=\"%.1f\"%s/>%n", cx, cy, r, paint("fill", fill), paint("stroke", stroke), strokeWidth,
            dashArray(dashes)));
    }

    private static String dashArray(double[] dashes) {
        StringBuilder dash = new StringBuilder();
        if (dashes != null && dashes.length > 0) {
            dash.append(" stroke-dasharray=\"");
            for (int i = 0; i < dashes.length; i++) {
                dash.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f", dashes[i]));
            }
            dash.append('"');
        }
        return dash.toString();
    }

    @Override
    public void text(String text, double x, double y, Color color, double size, boolean bold, boolean centred) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-family=\"sans-serif\" "
            + "font-size=\"%.1f\"%s%s%s>%s</text>%n", x, y, size, bold ? " font-weight=\"bold\"" : "",
            centred ? " text-anchor=\"middle\"" : "", paint("fill", color), escape(text)));
    }

    /** The whole picture. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
            + "viewBox=\"0 0 %.0f %.0f\">%n", width, height, width, height) + svg + "</svg>\n";
    }

    private static String paint(String attribute, Color color) {
        if (color == null) {
            return " " + attribute + "=\"none\"";
        }
        String rgb = String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(color.getRed() * 255),
            Math.round(color.getGreen() * 255), Math.round(color.getBlue() * 255));
        return color.getOpacity() < 1
            ? String.format(Locale.ROOT, " %s=\"%s\" %s-opacity=\"%.2f\"", attribute, rgb, attribute,
                color.getOpacity())
            : " " + attribute + "=\"" + rgb + "\"";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
