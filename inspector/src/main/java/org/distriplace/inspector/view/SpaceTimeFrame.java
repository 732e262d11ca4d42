package org.distriplace.inspector.view;

import java.util.List;

/**
 * Where things go in one drawing of the space-time diagram: the ruler on the left, a header row of node names, a
 * lane per node, and {@code windowMs} of cluster time from {@code startMs} running down the height below the header.
 *
 * @param ids       the nodes, one lane each, in id order
 * @param fontSize  the type size of names and times (larger in presentation mode)
 * @param axisWidth the ruler's width, wide enough for its longest label
 */
record SpaceTimeFrame(long startMs, long windowMs, double width, double height, List<Integer> ids, double fontSize,
                      double axisWidth) {

    /** The header row's height: node names sit in it. */
    double header() {
        return Math.ceil(fontSize * 2);
    }

    long endMs() {
        return startMs + windowMs;
    }

    /** The height of {@code ms} of cluster time on screen. */
    double pixels(double ms) {
        return (height - header()) * ms / windowMs;
    }

    /** The y of the moment {@code t}. */
    double y(double t) {
        return header() + pixels(t - startMs);
    }

    /** The moment drawn at {@code y}. */
    double timeAt(double y) {
        return startMs + (y - header()) * windowMs / Math.max(1, height - header());
    }

    /** The x of node {@code id}'s lane, or NaN when it has none. */
    double laneX(int id) {
        int index = ids.indexOf(id);
        return index < 0 ? Double.NaN : axisWidth + (width - axisWidth) * (index + 0.5) / ids.size();
    }

    /** The distance between neighbouring lanes. */
    double laneGap() {
        return (width - axisWidth) / Math.max(1, ids.size());
    }

    /** The least gap between ticks: a label and some air above and below it. */
    double tickGap() {
        return Math.max(45, fontSize * 3);
    }

    /**
     * A text's width in this font, estimated (the SVG is drawn without measuring): sans-serif digits are about
     * 0.6 em wide.
     */
    static double textWidth(String text, double fontSize) {
        return text.length() * fontSize * 0.6;
    }
}
