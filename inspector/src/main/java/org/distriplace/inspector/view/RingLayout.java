package org.distriplace.inspector.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;

/**
 * Places the cluster graph's nodes on the largest ellipse that fits the space the graph has, each node's drawing
 * (circle, labels, timer arc) clear of every other's. Where they do not fit at the size wanted (nine nodes on a
 * projector), they are drawn smaller until they do, never on top of each other. Gaps can be left in the ring: a
 * partition's sides are drawn apart.
 */
final class RingLayout {

    /** Space kept between two nodes' drawings, and between a drawing and the area's edge. */
    static final double PAD = 8;
    /** Each try draws nodes this much smaller than the one before. */
    private static final double SHRINK = 0.94;

    /** A node's drawing around its centre at scale 1: half its width, and how far it reaches above and below. */
    record Extent(double halfWidth, double above, double below) {

        Rectangle2D box(Point2D centre, double scale) {
            return new Rectangle2D(centre.getX() - halfWidth * scale, centre.getY() - above * scale,
                2 * halfWidth * scale, (above + below) * scale);
        }
    }

    /**
     * Where each node goes.
     *
     * @param scale   the size nodes are drawn at (1 is their usual size)
     * @param centres each node's centre, in the order the extents were given
     * @param gaps    the points on the ring where a gap was left (a partition's cuts pass through them)
     * @param middle  the ring's centre
     * @param fits    false when even the smallest size overlaps (the area is too small for this many nodes)
     */
    record Result(double scale, List<Point2D> centres, List<Point2D> gaps, Point2D middle, boolean fits) {
    }

    private RingLayout() {
    }

    /**
     * Lays out nodes in {@code area}: as large as {@code preferred} allows, down to {@code smallest}, with a gap
     * in the ring after each index in {@code gapsAfter}. The first gap is drawn at the top.
     */
    static Result place(Rectangle2D area, List<Extent> extents, Set<Integer> gapsAfter, double preferred,
                        double smallest) {
        double scale = preferred;
        while (true) {
            Result tried = at(area, extents, gapsAfter, scale);
            if (tried.fits() || scale <= smallest) {
                return tried;
            }
            scale = Math.max(smallest, scale * SHRINK);
        }
    }

    private static Result at(Rectangle2D area, List<Extent> extents, Set<Integer> gapsAfter, double scale) {
        double halfWidth = 0;
        double above = 0;
        double below = 0;
        for (Extent extent : extents) {
            halfWidth = Math.max(halfWidth, extent.halfWidth() * scale);
            above = Math.max(above, extent.above() * scale);
            below = Math.max(below, extent.below() * scale);
        }
        double rx = area.getWidth() / 2 - halfWidth - PAD;
        double ry = (area.getHeight() - above - below) / 2 - PAD;
        boolean room = rx >= 0 && ry >= 0;
        Point2D middle = new Point2D(area.getMinX() + area.getWidth() / 2,
            area.getMinY() + PAD + above + Math.max(0, ry));
        List<Point2D> centres = onRing(middle, rx, ry, angles(extents.size(), gapsAfter));
        List<Point2D> gaps = onRing(middle, rx, ry, gapAngles(extents.size(), gapsAfter));
        return new Result(scale, centres, gaps, middle, room && apart(extents, centres, scale));
    }

    private static List<Point2D> onRing(Point2D middle, double rx, double ry, List<Double> angles) {
        return angles.stream().map(angle -> middle.add(Math.max(0, rx) * Math.cos(angle),
            Math.max(0, ry) * Math.sin(angle))).toList();
    }

    /** Each node's angle, going round clockwise from the top, one slot per node and one per gap. */
    private static List<Double> angles(int nodes, Set<Integer> gapsAfter) {
        List<Double> out = new ArrayList<>();
        int slots = nodes + gapsAfter.size();
        double start = startAngle(nodes, gapsAfter, slots);
        int slot = 0;
        for (int i = 0; i < nodes; i++) {
            out.add(start + 2 * Math.PI * slot / slots);
            slot += gapsAfter.contains(i) ? 2 : 1;
        }
        return out;
    }

    private static List<Double> gapAngles(int nodes, Set<Integer> gapsAfter) {
        List<Double> out = new ArrayList<>();
        int slots = nodes + gapsAfter.size();
        double start = startAngle(nodes, gapsAfter, slots);
        int slot = 0;
        for (int i = 0; i < nodes; i++) {
            slot++;
            if (gapsAfter.contains(i)) {
                out.add(start + 2 * Math.PI * slot / slots);
                slot++;
            }
        }
        return out;
    }

    /** Where the first node goes: at the top, or, with gaps, so that the first gap is at the top. */
    private static double startAngle(int nodes, Set<Integer> gapsAfter, int slots) {
        if (gapsAfter.isEmpty()) {
            return nodes == 2 ? Math.PI : -Math.PI / 2;
        }
        int first = gapsAfter.stream().min(Integer::compare).orElseThrow() + 1;
        return -Math.PI / 2 - 2 * Math.PI * first / slots;
    }

    private static boolean apart(List<Extent> extents, List<Point2D> centres, double scale) {
        for (int a = 0; a < centres.size(); a++) {
            Rectangle2D one = grown(extents.get(a).box(centres.get(a), scale));
            for (int b = a + 1; b < centres.size(); b++) {
                if (one.intersects(extents.get(b).box(centres.get(b), scale))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Rectangle2D grown(Rectangle2D box) {
        return new Rectangle2D(box.getMinX() - PAD / 2, box.getMinY() - PAD / 2, box.getWidth() + PAD,
            box.getHeight() + PAD);
    }
}
