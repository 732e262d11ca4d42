package org.distriplace.inspector.view;

import java.util.Locale;
import javafx.scene.paint.Color;
import org.distriplace.inspector.model.Topic;

/** One colour per protocol, used by every view and the legend (chosen to stay apart for colour-blind viewers). */
final class TopicColors {

    private TopicColors() {
    }

    static Color of(Topic topic) {
        return switch (topic) {
            case HEARTBEAT -> Color.web("#9aa5b1");
            case ELECTION -> Color.web("#e69f00");
            case COMMIT -> Color.web("#0072b2");
            case SYNC -> Color.web("#009e73");
            case MEMBERSHIP -> Color.web("#cc79a7");
            case CLIENT -> Color.web("#56b4e9");
            case FAILURE -> Color.web("#d55e00");
            case LIFECYCLE -> Color.web("#555555");
        };
    }

    /** The CSS class suffix for a topic: {@code "commit"}, {@code "heartbeat"}. */
    static String styleName(Topic topic) {
        return topic.name().toLowerCase(Locale.ROOT);
    }
}
