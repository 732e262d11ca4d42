package org.distriplace.inspector.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the save dialogs suggest, so a teacher exporting for ShiViz or slides is not asked to invent a name. */
class FileMenuTest {

    @Test
    void everySaveDialogSuggestsANameWithItsExtension() {
        assertEquals("distri-place-shiviz-log.log", FileMenu.suggestedName("ShiViz log", "*.log"));
        assertEquals("distri-place-cluster-graph.svg", FileMenu.suggestedName("Cluster graph", "*.svg"));
        assertEquals("distri-place-space-time-diagram.png", FileMenu.suggestedName("Space-time diagram", "*.png"));
        assertEquals("distri-place-trace.dptrace", FileMenu.suggestedName("distri-place trace", "*.dptrace"));
    }
}
