package org.distriplace.inspector.view;

import java.util.List;
import java.util.stream.Collectors;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.distriplace.inspector.model.ShardStates;

/**
 * Draws the canvas cut into its shards, scaled to fit a box: each shard filled with its group's colour and labelled
 * with its group, epoch and replicas, the leader crowned (★). A shard without a leader is outlined amber while it
 * elects and crossed out red when fewer than a majority of its replicas run; one that elected within the last
 * {@link #NEW_LEADER_MS} is outlined gold, so a class sees each shard of a killed node elect anew. A followed pixel
 * is marked in its shard.
 */
final class ShardMapDrawing {

    /** How long a shard that elected is outlined as new, in cluster ms. */
    static final long NEW_LEADER_MS = 3_000;
    static final Color ELECTING = Color.web("#e69f00");
    static final Color NO_QUORUM = Color.web("#b00020");
    static final Color NEW_LEADER = Color.web("#c9a000");

    private ShardMapDrawing() {
    }

    /** Light colours that stay apart (ColorBrewer's Set3), for dark text on them; hues step on beyond them. */
    private static final List<Color> GROUP_COLORS = List.of("#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3",
        "#fdb462", "#b3de69", "#fccde5", "#e5c494", "#bc80bd", "#ccebc5", "#ffed6f").stream().map(Color::web).toList();

    /** The colour of shard {@code id}'s group. */
    static Color colorOf(int id) {
        return id < GROUP_COLORS.size() ? GROUP_COLORS.get(id) : Color.hsb((id * 137.508) % 360, 0.32, 0.97);
    }

    /** A darker tone of the same hue, for lines and outlines. */
    static Color strokeOf(int id) {
        Color light = colorOf(id);
        return Color.hsb(light.getHue(), Math.min(1, light.getSaturation() + 0.45), 0.55);
    }

    /**
     * Draws {@code shards} of a {@code canvasWidth} x {@code canvasHeight} canvas into {@code box}, keeping its
     * aspect; {@code followed} is a pixel to mark ({@code null} for none). Returns the rectangle the canvas took.
     */
    static Rectangle2D draw(GraphicsContext g, Rectangle2D box, List<ShardStates.Shard> shards, int canvasWidth,
                            int canvasHeight, long now, double fontSize, int[] followed) {
        double scale = Math.min(box.getWidth() / canvasWidth, box.getHeight() / canvasHeight);
        double left = box.getMinX() + (box.getWidth() - canvasWidth * scale) / 2;
        double top = box.getMinY() + (box.getHeight() - canvasHeight * scale) / 2;
        for (ShardStates.Shard shard : shards) {
            Rectangle2D area = new Rectangle2D(left + shard.x() * scale, top + shard.y() * scale,
                shard.width() * scale, shard.height() * scale);
            g.setFill(colorOf(shard.id()));
            g.fillRect(area.getMinX(), area.getMinY(), area.getWidth(), area.getHeight());
            outline(g, area, shard, now);
            label(g, area, shard, fontSize);
        }
        if (followed != null) {
            double x = left + (followed[0] + 0.5) * scale;
            double y = top + (followed[1] + 0.5) * scale;
            g.setStroke(Color.BLACK);
            g.setLineWidth(2);
            double r = Math.max(5, scale);
            g.strokeOval(x - r, y - r, 2 * r, 2 * r);
        }
        return new Rectangle2D(left, top, canvasWidth * scale, canvasHeight * scale);
    }

    private static void outline(GraphicsContext g, Rectangle2D area, ShardStates.Shard shard, long now) {
        boolean fresh = shard.health() == ShardStates.Health.LED && now - shard.leaderSince() < NEW_LEADER_MS
            && shard.leaderSince() > 0;
        Color stroke = switch (shard.health()) {
            case LED -> fresh ? NEW_LEADER : strokeOf(shard.id());
            case ELECTING -> ELECTING;
            case NO_QUORUM -> NO_QUORUM;
        };
        double width = shard.health() == ShardStates.Health.LED && !fresh ? 1.5 : 4;
        g.setStroke(stroke);
        g.setLineWidth(width);
        g.strokeRect(area.getMinX() + width / 2, area.getMinY() + width / 2, area.getWidth() - width,
            area.getHeight() - width);
        if (shard.health() == ShardStates.Health.NO_QUORUM) {
            g.setLineWidth(2);
            g.strokeLine(area.getMinX(), area.getMinY(), area.getMaxX(), area.getMaxY());
            g.strokeLine(area.getMaxX(), area.getMinY(), area.getMinX(), area.getMaxY());
        }
    }

    /** The shard's lines of text, each shrunk to the shard's width so nothing is cut off. */
    private static void label(GraphicsContext g, Rectangle2D area, ShardStates.Shard shard, double fontSize) {
        List<String> lines = List.of("shard " + shard.id() + " · g" + (shard.id() + 1),
            shard.replicas().stream().map(id -> (id == shard.leader() ? "★" : "") + "n" + id
                + (shard.running().contains(id) ? "" : "✗")).collect(Collectors.joining(" ")),
            status(shard));
        double size = Math.min(fontSize, area.getHeight() / (lines.size() * 1.35 + 0.5));
        double y = area.getMinY() + (area.getHeight() - lines.size() * size * 1.35) / 2;
        if (shard.health() == ShardStates.Health.NO_QUORUM) {
            g.setFill(Color.rgb(255, 255, 255, 0.8)); // the cross stays behind the words
            g.fillRect(area.getMinX() + 6, y - 2, area.getWidth() - 12, lines.size() * size * 1.35 + 4);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i < lines.size(); i++) {
            Font font = Font.font(null, i == 1 ? FontWeight.BOLD : FontWeight.NORMAL, size);
            double fitted = Math.min(size, size * (area.getWidth() - 16) / Math.max(1, TextWidth.of(lines.get(i),
                font)));
            g.setFont(Font.font(null, i == 1 ? FontWeight.BOLD : FontWeight.NORMAL, fitted));
            g.setFill(i == 2 && shard.health() == ShardStates.Health.NO_QUORUM ? NO_QUORUM : Color.web("#1f1f1f"));
            g.fillText(lines.get(i), area.getMinX() + area.getWidth() / 2, y + i * size * 1.35);
        }
    }

    private static String status(ShardStates.Shard shard) {
        return switch (shard.health()) {
            case LED -> "epoch " + shard.epoch() + " · " + shard.committedWrites() + " writes";
            case ELECTING -> "electing… (epoch " + shard.epoch() + ")";
            case NO_QUORUM -> "NO QUORUM (" + shard.running().size() + " of " + shard.replicas().size() + " up)";
        };
    }
}
