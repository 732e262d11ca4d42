package org.distriplace.app.desktop.history;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import org.distriplace.app.desktop.canvas.CanvasView;

/**
 * The history in a node's pane: the Inspect tool (a click asks who painted a pixel instead of painting it),
 * History mode (the bar above the canvas; the canvas shows the moment chosen; clicks ask about that moment), and
 * Timelapse… (the export dialog). The pixel panel opens on the canvas's right.
 */
public final class HistoryControls {

    private final HistoryReader reader;
    private final CanvasView canvas;
    private final BorderPane area;
    private final ToggleButton inspect = new ToggleButton("Inspect");
    private final ToggleButton historyMode = new ToggleButton("History");
    private final Button timelapse = new Button("Timelapse…");
    private final HistoryBar bar;
    private final PixelInfoPanel panel;
    private TimelapseDialog dialog;

    /**
     * @param area the canvas's holder: the bar goes on its top, the pixel panel on its right
     * @param link opens a placement's commit in the inspector
     */
    public HistoryControls(HistoryReader reader, CanvasView canvas, BorderPane area,
                           PixelInfoPanel.ProvenanceLink link) {
        this.reader = reader;
        this.canvas = canvas;
        this.area = area;
        this.bar = new HistoryBar(reader, past -> canvas.showPast(past.indexes(), reader.palette()),
            () -> historyMode.setSelected(false));
        this.panel = new PixelInfoPanel(reader, link, () -> area.setRight(null));
        inspect.setId("inspect-tool");
        inspect.setTooltip(new Tooltip("Click a pixel to see who placed it (or Alt+click)"));
        inspect.setFocusTraversable(false);
        historyMode.setId("history-toggle");
        historyMode.setTooltip(new Tooltip("Show the canvas at any past moment"));
        historyMode.setFocusTraversable(false);
        historyMode.selectedProperty().addListener((o, was, on) -> setHistoryMode(on));
        timelapse.setId("timelapse-open");
        timelapse.setFocusTraversable(false);
        timelapse.setOnAction(e -> openTimelapse());
    }

    /** The buttons for the pane's toolbar. */
    public List<Node> buttons() {
        return List.of(inspect, historyMode, timelapse);
    }

    /** Whether a plain click on the canvas asks about the pixel rather than painting it. */
    public boolean asking() {
        return inspect.isSelected() || historyMode.isSelected();
    }

    /** Lists who painted (x, y): up to the moment shown in history mode, else up to now. */
    public void showPixel(int x, int y) {
        long until = historyMode.isSelected() && bar.shownMs() >= 0 ? bar.shownMs() : Long.MAX_VALUE;
        panel.show(x, y, until);
        area.setRight(panel);
    }

    private void setHistoryMode(boolean on) {
        if (on) {
            area.setTop(bar);
            bar.open();
        } else {
            bar.pause();
            area.setTop(null);
            canvas.showLive();
        }
    }

    private void openTimelapse() {
        if (dialog == null) {
            dialog = new TimelapseDialog(reader, reader.canvasWidth(), reader.canvasHeight(),
                () -> canvas.viewport().visibleRegion(canvas.getWidth(), canvas.getHeight()));
            if (canvas.getScene() != null) {
                dialog.initOwner(canvas.getScene().getWindow());
            }
        }
        dialog.show();
        dialog.toFront();
    }

    public HistoryBar bar() {
        return bar;
    }

    public PixelInfoPanel panel() {
        return panel;
    }

    /** The export dialog, once opened. */
    public TimelapseDialog dialog() {
        return dialog;
    }

    public void close() {
        bar.pause();
        if (dialog != null) {
            dialog.close();
        }
        reader.close();
    }
}
