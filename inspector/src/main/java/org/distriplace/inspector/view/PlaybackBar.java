package org.distriplace.inspector.view;

import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.distriplace.inspector.feed.Playback;
import org.distriplace.inspector.feed.Scenario;

/**
 * Time controls: pause/resume, step one event (and what it will be), a speed slider from 1/100 of real time to
 * four times faster, and, for a simulated cluster, the scenario presets.
 */
public final class PlaybackBar extends HBox {

    private final Playback playback;
    private final Button pause = new Button();
    private final Label clock = new Label();
    private final Label next = new Label();
    private final Label speedText = new Label();
    private final Tooltip nextTip = new Tooltip();

    /**
     * @param scenarios runs a preset, or null when the source has none (a replayed trace)
     * @param stepBack  goes back one event, or null where time cannot go back
     */
    public PlaybackBar(Playback playback, Consumer<Scenario> scenarios, Runnable stepBack) {
        super(8);
        this.playback = playback;
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        getStyleClass().addAll("playback-bar", "inspector-controls");
        pause.setId("pause");
        pause.setOnAction(e -> {
            playback.setPaused(!playback.isPaused());
            refresh();
        });
        Button step = new Button("Step ▸");
        step.setId("step");
        step.setTooltip(new Tooltip("Run exactly one event: a message delivery or a timer"));
        step.setOnAction(e -> {
            playback.setPaused(true);
            playback.step();
            refresh();
        });
        // The slider is logarithmic: -2 is 1/100 of real time, 0 real time, 0.6 four times faster.
        Slider speed = new Slider(-2, 0.6, Math.log10(playback.speed()));
        speed.setId("speed");
        speed.setPrefWidth(140);
        speed.valueProperty().addListener((o, was, now) -> {
            playback.setSpeed(Math.pow(10, now.doubleValue()));
            refresh();
        });
        clock.setId("clock");
        clock.setMinWidth(Region.USE_PREF_SIZE);
        next.setId("next-event");
        next.getStyleClass().add("next-event");
        // The next event's text changes at every step: it takes what room is left, last, so the buttons before it
        // never move under the mouse; the whole of it is in its tooltip.
        next.setMinWidth(0);
        next.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(next, Priority.ALWAYS);
        next.setTooltip(nextTip);
        getChildren().addAll(pause, step);
        if (stepBack != null) {
            Button back = new Button("◂ Step back");
            back.setId("step-back");
            back.setTooltip(new Tooltip("Go back one event: the run is replayed from the start to just before it"));
            back.setOnAction(e -> {
                stepBack.run();
                refresh();
            });
            getChildren().add(back);
        }
        getChildren().addAll(new Label("speed"), speed, speedText, clock);
        if (scenarios != null) {
            MenuButton presets = new MenuButton("Scenarios");
            presets.setId("scenarios");
            for (Scenario scenario : Scenario.values()) {
                MenuItem item = new MenuItem(scenario.title());
                item.setId("scenario-" + scenario.name());
                item.setOnAction(e -> scenarios.accept(scenario));
                presets.getItems().add(item);
            }
            getChildren().add(presets);
        }
        getChildren().add(next);
        getChildren().forEach(child -> {
            if (child != next && child instanceof Region region) {
                region.setMinWidth(Region.USE_PREF_SIZE);
            }
        });
        // Texts that change as time runs keep one width, so the controls after them never move under the mouse.
        SteadyWidth.of(pause, "Resume ▶", "Pause ❚❚");
        SteadyWidth.of(clock, "t = 8888.888 s");
        SteadyWidth.of(speedText, "×0.00");
        refresh();
    }

    /** Adds controls (lessons, branching) after the built-in ones, before the next event's text. */
    public void addTools(Region... tools) {
        for (Region tool : tools) {
            tool.setMinWidth(Region.USE_PREF_SIZE);
            getChildren().add(getChildren().indexOf(next), tool);
        }
    }

    public void refresh() {
        pause.setText(playback.isPaused() ? "Resume ▶" : "Pause ❚❚");
        speedText.setText(String.format(Locale.ROOT, "×%.2f", playback.speed()));
        clock.setText(String.format(Locale.ROOT, "t = %.3f s", playback.now() / 1000.0));
        String upcoming = playback.next();
        next.setText(upcoming.isEmpty() ? "nothing left to run" : "next: " + upcoming);
        nextTip.setText(next.getText());
    }
}
