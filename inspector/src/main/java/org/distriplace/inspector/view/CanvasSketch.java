package org.distriplace.inspector.view;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/** A {@link Sketch} on a JavaFX canvas. */
final class CanvasSketch implements Sketch {

    private final GraphicsContext g;

    CanvasSketch(GraphicsContext g) {
        this.g = g;
    }

    @Override
    public void rect(double x, double y, double width, double height, Color fill) {
        g.setFill(fill);
        g.fillRect(x, y, width, height);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color stroke, double width) {
        g.setStroke(stroke);
        g.setLineWidth(width);
        g.setLineDashes();
        g.strokeLine(x1, y1, x2, y2);
    }

    @Override
    public void dashedLine(double x1, double y1, double x2, double y2, Color stroke, double width, double[] dashes) {
        g.setStroke(stroke);
        g.setLineWidth(width);
        g.setLineDashes(dashes);
        g.strokeLine(x1, y1, x2, y2);
        g.setLineDashes();
    }

    @Override
    public void arc(double cx, double cy, double r, double start, double length, Color stroke, double width) {
        g.setStroke(stroke);
        g.setLineWidth(width);
        g.setLineDashes();
        g.strokeArc(cx - r, cy - r, 2 * r, 2 * r, start, length, javafx.scene.shape.ArcType.OPEN);
    }

    @Override
    public void circle(double cx, double cy, double r, Color fill, Color stroke, double strokeWidth,
                       double[] dashes) {
        if (fill != null) {
            g.setFill(fill);
            g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
        }
        if (stroke != null) {
            g.setStroke(stroke);
            g.setLineWidth(strokeWidth);
            g.setLineDashes(dashes == null ? new double[0] : dashes);
            g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
            g.setLineDashes();
        }
    }

    @Override
    public void text(String text, double x, double y, Color color, double size, boolean bold, boolean centred) {
        g.setFill(color);
        g.setFont(Font.font(null, bold ? FontWeight.BOLD : FontWeight.NORMAL, size));
        g.setTextAlign(centred ? TextAlignment.CENTER : TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
        g.fillText(text, x, y);
    }
}
