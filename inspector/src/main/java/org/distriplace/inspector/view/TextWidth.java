package org.distriplace.inspector.view;

import javafx.scene.text.Font;
import javafx.scene.text.Text;

/** How wide a line of text is drawn in a font, for drawings that shrink a label to fit. On the JavaFX thread. */
final class TextWidth {

    private static final Text MEASURE = new Text();

    private TextWidth() {
    }

    static double of(String text, Font font) {
        MEASURE.setText(text);
        MEASURE.setFont(font);
        return MEASURE.getLayoutBounds().getWidth();
    }
}
