package org.distriplace.inspector.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.distriplace.inspector.model.ShardStates;

/**
 * Draws where the shards live: every node round an outer circle and every shard on an inner one, each in id order,
 * with a line from each shard to each of its replicas (the leader's thicker); a node that does not run is hollow.
 * Rendezvous hashing (ADR 0016) has no ring to draw: each shard ranks every node by the hash of the pair and keeps
 * the top ones, so positions here are only a layout, and the lines are the map. They show what a node's leaving
 * would move: its own lines only.
 */
final class HashRingDrawing {

    /** The angle (radians, clockwise from the top) of each of {@code keys}: spread evenly, in id order. */
    static Map<Integer, Double> angles(List<Integer> keys) {
        List<Integer> ordered = new ArrayList<>(keys);
        ordered.sort(Comparator.naturalOrder());
        Map<Integer, Double> angles = new HashMap<>();
        for (int rank = 0; rank < ordered.size(); rank++) {
            angles.put(ordered.get(rank), Math.PI * 2 * rank / ordered.size());
        }
        return angles;
    }

    static void draw(GraphicsContext g, Rectangle2D box, List<ShardStates.Shard> shards, List<Integer> nodes,
                     List<Integer> running, double fontSize) {
        double label = fontSize * 2.2;
        double radius = Math.max(10, Math.min(box.getWidth(), box.getHeight()) / 2 - label);
        Point2D centre = new Point2D(box.getMinX() + box.getWidth() / 2, box.getMinY() + box.getHeight() / 2);
        g.setStroke(Color.web("#c8ccd0"));
        g.setLineWidth(2);
        g.strokeOval(centre.getX() - radius, centre.getY() - radius, 2 * radius, 2 * radius);
        double inner = radius * 0.55;
        Map<Integer, Double> nodeAngles = angles(nodes);
        Map<Integer, Double> shardAngles = angles(shards.stream().map(ShardStates.Shard::id).toList());
        for (ShardStates.Shard shard : shards) {
            Point2D at = on(centre, inner, shardAngles.get(shard.id()));
            for (int replica : shard.replicas()) {
                Point2D node = on(centre, radius, nodeAngles.getOrDefault(replica, 0.0));
                g.setStroke(ShardMapDrawing.strokeOf(shard.id()));
                g.setLineWidth(replica == shard.leader() ? 3.5 : 1.2);
                g.strokeLine(at.getX(), at.getY(), node.getX(), node.getY());
            }
        }
        double dot = Math.max(5, Math.min(12, radius * 2 * Math.PI / Math.max(1, nodes.size()) / 3));
        for (ShardStates.Shard shard : shards) {
            Point2D at = on(centre, inner, shardAngles.get(shard.id()));
            g.setFill(ShardMapDrawing.colorOf(shard.id()));
            g.fillRect(at.getX() - dot, at.getY() - dot, 2 * dot, 2 * dot);
            g.setStroke(ShardMapDrawing.strokeOf(shard.id()));
            g.setLineWidth(1.5);
            g.strokeRect(at.getX() - dot, at.getY() - dot, 2 * dot, 2 * dot);
            text(g, "s" + shard.id(), at, Math.min(fontSize * 0.85, dot * 1.4), false);
        }
        for (int node : nodes) {
            double angle = nodeAngles.get(node);
            Point2D at = on(centre, radius, angle);
            boolean up = running.contains(node);
            g.setFill(up ? Color.web("#37474f") : Color.WHITE);
            g.fillOval(at.getX() - dot / 1.6, at.getY() - dot / 1.6, dot * 1.25, dot * 1.25);
            g.setStroke(Color.web("#37474f"));
            g.setLineWidth(1.5);
            g.strokeOval(at.getX() - dot / 1.6, at.getY() - dot / 1.6, dot * 1.25, dot * 1.25);
            text(g, "n" + node, on(centre, radius + label / 2, angle), fontSize * 0.85, true);
        }
    }

    private static Point2D on(Point2D centre, double radius, double angle) {
        return new Point2D(centre.getX() + radius * Math.sin(angle), centre.getY() - radius * Math.cos(angle));
    }

    private static void text(GraphicsContext g, String text, Point2D at, double size, boolean bold) {
        g.setFont(Font.font(null, bold ? FontWeight.BOLD : FontWeight.NORMAL, size));
        g.setFill(Color.web("#1f1f1f"));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(text, at.getX(), at.getY());
    }
}
