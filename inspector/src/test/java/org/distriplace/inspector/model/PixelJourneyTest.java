package org.distriplace.inspector.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distriplace.core.clock.VectorClock;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.message.MessageKind;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Dot;
import org.distriplace.core.model.PixelWrite;
import org.junit.jupiter.api.Test;

/** A pixel's journey read from the event stream: from the node a player used to every replica and its browsers. */
class PixelJourneyTest {

    private final InspectorModel model = new InspectorModel();

    private static PixelWrite write(int x, int y, String color, long counter) {
        return new PixelWrite(x, y, Color.of(color), "ada", 1, counter, 1_000 + counter, 3,
            VectorClock.of(Map.of(3, counter)));
    }

    @Test
    void theJourneyGoesFromTheNodeUsedThroughTheRoundToEveryReplicaAndTheBrowsersTold() {
        PixelWrite older = write(2, 2, "#FFFFFF", 1);
        PixelWrite followed = write(2, 2, "#FF4500", 2);
        PixelWrite elsewhere = write(5, 5, "#000000", 3);
        model.accept(new NodeEvent.Committed(100, 3, 1, 1, 3, List.of(older)));
        model.accept(new NodeEvent.MessageSent(200, 1, 3, MessageKind.PIXEL_UPDATE, "(2,2) req " + followed.requestId()));
        model.accept(new NodeEvent.MessageReceived(210, 3, 1, MessageKind.PIXEL_UPDATE, "(2,2) req "
            + followed.requestId()));
        for (int node : List.of(3, 1, 2)) {
            model.accept(new NodeEvent.Committed(300 + node, node, 1, 2, 3, List.of(followed, elsewhere)));
        }
        model.accept(new NodeEvent.ClientsTold(320, 2, 4, List.of(followed.dot(), elsewhere.dot())));
        model.accept(new NodeEvent.ClientsTold(330, 1, 1, List.of(elsewhere.dot())));
        model.accept(new NodeEvent.ClientsTold(90, 1, 1, List.of(new Dot(3, 1))));

        PixelJourney journey = PixelJourney.of(model, 2, 2).orElseThrow();
        assertEquals(followed, journey.write(), "the newest write at the pixel");
        assertEquals(Set.of(1, 2, 3), journey.reached());
        List<String> what = journey.stops().stream().map(PixelJourney.Stop::what).toList();
        assertTrue(what.get(0).startsWith("n1 took #FF4500 at (2,2) from ada"), what.toString());
        assertTrue(what.contains("n2 sent it to its 4 browsers (a pixels frame of 2)"), what.toString());
        assertEquals(1, what.stream().filter(w -> w.contains("browser")).count(),
            "only the frames that carried it: " + what);
        assertEquals(journey.stops().stream().mapToLong(PixelJourney.Stop::at).sorted().boxed().toList(),
            journey.stops().stream().map(PixelJourney.Stop::at).toList(), "in time order");
        assertTrue(PixelJourney.of(model, 9, 9).isEmpty(), "a pixel nobody painted has no journey");
    }
}
