package org.distriplace.app.desktop;

import javafx.beans.property.ObjectProperty;
import javafx.css.PseudoClass;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import org.distriplace.core.model.Color;
import org.distriplace.core.model.Palette;

/** The palette: one swatch per colour; a click selects it (the selected swatch is outlined). */
public final class PaletteBar extends FlowPane {

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final ObjectProperty<Color> selected = new SimpleObjectProperty<>();

    public PaletteBar(Palette palette) {
        super(4, 4);
        getStyleClass().add("palette-bar");
        for (Color color : palette.colors()) {
            Region swatch = new Region();
            swatch.getStyleClass().add("swatch");
            swatch.setId("swatch-" + color.hex().substring(1));
            swatch.setStyle("-fx-background-color: " + color.hex() + ";");
            Tooltip.install(swatch, new Tooltip(color.hex()));
            swatch.setOnMouseClicked(e -> selected.set(color));
            getChildren().add(swatch);
        }
        selected.addListener((property, before, after) -> getChildren().forEach(node ->
            node.pseudoClassStateChanged(SELECTED,
                after != null && node.getId().equals("swatch-" + after.hex().substring(1)))));
        selected.set(palette.colors().contains(Color.of("#000000")) ? Color.of("#000000") : palette.color(0));
    }

    public ObjectProperty<Color> selectedProperty() {
        return selected;
    }
}
