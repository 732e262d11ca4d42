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
    /** The rings tried: an ellipse, and a squarer curve for areas much wider than tall. */
    private static final double[] ROUNDNESS = {2, 4};

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
     * in the ring after each index in {@code gapsAfter}. The first gap is drawn at the top. The ring is an ellipse
     * or, where that lets nodes be larger (a wide, low area), a squarer curve that uses the area's corners.
     */
    static Result place(Rectangle2D area, List<Extent> extents, Set<Integer> gapsAfter, double preferred,
                        double smallest) {
        Result best = null;
        for (double roundness : ROUNDNESS) {
            Result tried = largest(area, extents, gapsAfter, preferred, smallest, roundness);
            if (best == null || tried.fits() && (!best.fits() || tried.scale() > best.scale() + 0.01)) {
                best = tried;
            }
        }
        return best;
    }

    private static Result largest(Rectangle2D area, List<Extent> extents, Set<Integer> gapsAfter, double preferred,
                                  double smallest, double roundness) {
        double scale = preferred;
        while (true) {
            Result tried = at(area, extents, gapsAfter, scale, roundness);
            if (tried.fits() || scale <= smallest) {
                return tried;
            }
            scale = Math.max(smallest, scale * SHRINK);
        }
    }

    private static Result at(Rectangle2D area, List<Extent> extents, Set<Integer> gapsAfter, double scale,
                             double roundness) {
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
        Ring ring = new Ring(middle, Math.max(0, rx), Math.max(0, ry), roundness);
        int slots = extents.size() + gapsAfter.size();
        double start = start(extents.size(), gapsAfter, slots);
        List<Point2D> centres = new ArrayList<>();
        List<Point2D> gaps = new ArrayList<>();
        int slot = 0;
        for (int i = 0; i < extents.size(); i++) {
            centres.add(ring.at(start + (double) slot++ / slots));
            if (gapsAfter.contains(i)) {
                gaps.add(ring.at(start + (double) slot++ / slots));
            }
        }
        return new Result(scale, centres, gaps, middle, room && apart(extents, centres, scale));
    }

    /** Where the first node goes, as a share of the way round from the top: with gaps, the first gap is at the top. */
    private static double start(int nodes, Set<Integer> gapsAfter, int slots) {
        if (gapsAfter.isEmpty()) {
            return nodes == 2 ? 0.75 : 0;
        }
        int first = gapsAfter.stream().min(Integer::compare).orElseThrow() + 1;
        return 1 - (double) first / slots;
    }

    /**
     * A closed curve round the middle, |x/rx|^p + |y/ry|^p = 1 (p = 2 an ellipse, larger squarer), walked by its
     * length, so nodes spaced evenly along it are evenly spaced on screen (equal angles crowd a wide ellipse's ends).
     */
    private static final class Ring {
        private static final int SAMPLES = 720;
        private final Point2D[] points = new Point2D[SAMPLES + 1];
        private final double[] lengths = new double[SAMPLES + 1];

        Ring(Point2D middle, double rx, double ry, double p) {
            for (int i = 0; i <= SAMPLES; i++) {
                double t = -Math.PI / 2 + 2 * Math.PI * i / SAMPLES;
                points[i] = middle.add(rx * power(Math.cos(t), 2 / p), ry * power(Math.sin(t), 2 / p));
                lengths[i] = i == 0 ? 0 : lengths[i - 1] + points[i].distance(points[i - 1]);
            }
        }

        /** The point {@code share} of the way round from the top, clockwise on screen. */
        Point2D at(double share) {
            double total = lengths[SAMPLES];
            if (total <= 0) {
                return points[0];
            }
            double wanted = (share - Math.floor(share)) * total;
            int i = 1;
            while (i < SAMPLES && lengths[i] < wanted) {
                i++;
            }
            double span = lengths[i] - lengths[i - 1];
            double along = span <= 0 ? 0 : (wanted - lengths[i - 1]) / span;
            return points[i - 1].add(points[i].subtract(points[i - 1]).multiply(along));
        }

        private static double power(double value, double exponent) {
            return Math.signum(value) * Math.pow(Math.abs(value), exponent);
        }
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
