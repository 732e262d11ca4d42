package org.distriplace.inspector.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cluster graph's ring: as large as the area allows, every node's drawing inside it and clear of the others. */
class RingLayoutTest {

    /** A node as the graph draws one: a 38 px circle and arc, labels 120 px wide reaching 75 px below its centre. */
    private static final RingLayout.Extent NODE = new RingLayout.Extent(60, 38, 75);

    @ParameterizedTest(name = "{0} nodes in {1}x{2}")
    @CsvSource({"3, 560, 330", "5, 560, 330", "9, 560, 330", "9, 740, 330", "9, 1100, 700", "5, 300, 250"})
    void nodesAreInsideTheAreaAndApart(int nodes, double width, double height) {
        Rectangle2D area = new Rectangle2D(10, 20, width, height);
        RingLayout.Result layout = RingLayout.place(area, Collections.nCopies(nodes, NODE), Set.of(), 1.6, 0.5);
        assertEquals(nodes, layout.centres().size());
        if (!layout.fits()) {
            assertEquals(0.5, layout.scale(), 1e-9, "only the smallest size may still overlap");
            return;
        }
        for (int a = 0; a < nodes; a++) {
            Rectangle2D box = NODE.box(layout.centres().get(a), layout.scale());
            assertTrue(area.contains(box), "node " + a + " inside the area: " + box);
            for (int b = a + 1; b < nodes; b++) {
                assertFalse(box.intersects(NODE.box(layout.centres().get(b), layout.scale())), a + " and " + b);
            }
        }
    }

    @Test
    void fewNodesInABigAreaAreDrawnAtTheSizeWantedOnTheLargestRing() {
        Rectangle2D area = new Rectangle2D(0, 0, 1000, 800);
        RingLayout.Result layout = RingLayout.place(area, Collections.nCopies(3, NODE), Set.of(), 1.6, 0.5);
        assertEquals(1.6, layout.scale(), 1e-9);
        double top = layout.centres().stream().mapToDouble(Point2D::getY).min().orElseThrow();
        assertEquals(RingLayout.PAD + NODE.above() * 1.6, top, 1, "the first node touches the top, less its padding");
    }

    @Test
    void nineNodesOnAProjectorAreLargerOnTheSquarerRingThanOnAnEllipseAlone() {
        Rectangle2D wide = new Rectangle2D(0, 0, 740, 330);
        RingLayout.Result layout = RingLayout.place(wide, Collections.nCopies(9, NODE), Set.of(), 1.6, 0.5);
        assertTrue(layout.fits());
        assertTrue(layout.scale() > 0.6, "readable: " + layout.scale());
    }

    @Test
    void aPartitionsGapsLeaveTheSidesApartWithTheFirstGapAtTheTop() {
        Rectangle2D area = new Rectangle2D(0, 0, 800, 600);
        // Sides {0, 1} and {2, 3, 4}: a gap after 1, and after 4 (before 0 again).
        RingLayout.Result layout = RingLayout.place(area, Collections.nCopies(5, NODE), Set.of(1, 4), 1, 0.5);
        assertEquals(2, layout.gaps().size());
        Point2D gap = layout.gaps().get(0);
        assertEquals(area.getWidth() / 2, gap.getX(), 1, "the first gap is at the top, in the middle");
        assertTrue(gap.getY() < layout.middle().getY());
        List<Point2D> c = layout.centres();
        double sideA = (c.get(0).getX() + c.get(1).getX()) / 2;
        double sideB = (c.get(2).getX() + c.get(3).getX() + c.get(4).getX()) / 3;
        assertTrue(sideA < gap.getX() && sideB > gap.getX(), "one side left of the cut, the other right");
    }
}
