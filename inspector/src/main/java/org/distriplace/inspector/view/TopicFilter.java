package org.distriplace.inspector.view;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import javafx.scene.control.CheckBox;
import javafx.scene.layout.FlowPane;
import org.distriplace.inspector.model.Topic;

/** A check box per protocol, in its colour, all ticked at first; {@code #prefix-commit} and so on in the scene. */
final class TopicFilter extends FlowPane {

    private final Set<Topic> shown = EnumSet.noneOf(Topic.class);
    private final String prefix;

    /** @param changed run after every tick or untick */
    TopicFilter(String prefix, Collection<Topic> topics, Runnable changed) {
        super(10, 4);
        this.prefix = prefix;
        shown.addAll(topics);
        for (Topic topic : topics) {
            CheckBox box = new CheckBox(topic.label());
            box.setId(prefix + "-" + TopicColors.styleName(topic));
            box.setSelected(true);
            box.setTextFill(TopicColors.of(topic).darker());
            box.selectedProperty().addListener((o, was, on) -> {
                if (on) {
                    shown.add(topic);
                } else {
                    shown.remove(topic);
                }
                changed.run();
            });
            getChildren().add(box);
        }
    }

    /** The topics ticked now (a live view). */
    Set<Topic> shown() {
        return shown;
    }

    void show(Topic topic, boolean on) {
        ((CheckBox) lookup("#" + prefix + "-" + TopicColors.styleName(topic))).setSelected(on);
    }
}
