package org.distriplace.inspector.view;

import javafx.scene.paint.Color;

/**
 * What the space-time diagram and the cluster graph's arrows draw with: the screen (a JavaFX canvas,
 * {@link CanvasSketch}) or a picture for slides ({@link SvgSketch}), so an exported picture is exactly what the
 * view shows.
 */
interface Sketch {

    void rect(double x, double y, double width, double height, Color fill);

    void line(double x1, double y1, double x2, double y2, Color stroke, double width);

    /** A dashed line: {@code dashes} alternate the lengths drawn and left out. */
    void dashedLine(double x1, double y1, double x2, double y2, Color stroke, double width, double[] dashes);

    /**
     * An open arc of a circle, angles in degrees as {@link javafx.scene.shape.Arc}'s: counter-clockwise from three
     * o'clock, a negative {@code length} going clockwise.
     */
    void arc(double cx, double cy, double r, double start, double length, Color stroke, double width);

    /** A circle; {@code fill} or {@code stroke} null for none. */
    void circle(double cx, double cy, double r, Color fill, Color stroke, double strokeWidth, double[] dashes);

    /** Text whose baseline starts at (x, y), or is centred on x when {@code centred}. */
    void text(String text, double x, double y, Color color, double size, boolean bold, boolean centred);
}
