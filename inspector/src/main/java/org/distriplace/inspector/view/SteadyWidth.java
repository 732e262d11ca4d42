package org.distriplace.inspector.view;

import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * A control whose text changes (a clock, Pause/Resume, Next/Skip) kept at one width: the widest its texts need, so
 * the controls beside it never move under the mouse.
 */
final class SteadyWidth {

    private SteadyWidth() {
    }

    /**
     * Makes {@code shown} as wide as the widest of {@code texts} needs in its font and padding as its style gives
     * them, measured again whenever they change (a control has no size of its own before its style is applied).
     */
    static void of(Labeled shown, String... texts) {
        Runnable fit = () -> {
            double widest = 0;
            for (String text : texts) {
                Text probe = new Text(text);
                probe.setFont(shown.getFont());
                widest = Math.max(widest, probe.getLayoutBounds().getWidth());
            }
            double width = Math.ceil(widest + shown.getInsets().getLeft() + shown.getInsets().getRight()
                + shown.getLabelPadding().getLeft() + shown.getLabelPadding().getRight() + 2);
            shown.setMinWidth(width);
            shown.setPrefWidth(width);
        };
        shown.fontProperty().addListener(o -> fit.run());
        shown.insetsProperty().addListener(o -> fit.run());
        fit.run();
    }
}
