package org.distriplace.app.desktop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import org.distriplace.core.api.AccountTokens;
import org.distriplace.app.DurationText;
import org.distriplace.core.net.PeerAddress;

/**
 * Edits the preferences the app remembers between runs: the player's name, this node's id, ports and peers, the
 * cluster secret, the canvas size for a new cluster and the data directory. Invalid input is named and cannot be
 * saved. The result is the edited values by key (see {@code PreferencesFile.KEYS}); they apply at the next start.
 */
public final class PreferencesDialog extends Dialog<Map<String, String>> {

    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);

    private static final Map<String, String> LABELS = labels();

    private final Map<String, TextField> fields = new LinkedHashMap<>();
    private final Label problem = new Label();

    /** @param current the values in effect now, by key, to start from */
    public PreferencesDialog(List<String> keys, Map<String, String> current) {
        setTitle("distri-place preferences");
        setHeaderText("Saved preferences apply the next time distri-place starts.\n"
            + "Options given on the command line take precedence.");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        int row = 0;
        for (String key : keys) {
            TextField field = key.equals("cluster-secret") ? new PasswordField() : new TextField();
            field.setId("pref-" + key);
            field.setPrefColumnCount(28);
            field.setText(current.getOrDefault(key, ""));
            field.textProperty().addListener((property, before, after) -> validate());
            fields.put(key, field);
            grid.addRow(row++, new Label(LABELS.getOrDefault(key, key)), field);
        }
        problem.setId("pref-problem");
        problem.setStyle("-fx-text-fill: #be0039;");
        grid.add(problem, 0, row, 2, 1);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(SAVE, ButtonType.CANCEL);
        setResultConverter(button -> button == SAVE ? values() : null);
        validate();
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("user", "Your name on the canvas");
        labels.put("id", "Node id (the highest live id leads)");
        labels.put("http-port", "HTTP/WebSocket port");
        labels.put("peer-port", "Peer port");
        labels.put("peers", "Peers (ID@HOST:PORT, comma-separated)");
        labels.put("cluster-secret", "Cluster secret");
        labels.put("cluster-name", "Cluster name (announced on the LAN)");
        labels.put("canvas", "Canvas size for a new cluster (WxH)");
        labels.put("data-dir", "Data directory (empty: the default)");
        return labels;
    }

    private Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((key, field) -> values.put(key, field.getText().trim()));
        return values;
    }

    /** The first problem with the input, or null when it can be saved. */
    static String problemWith(Map<String, String> values) {
        String name = values.getOrDefault("user", "");
        if (!name.isEmpty() && !AccountTokens.NAME.matcher(name).matches()) {
            return "Your name is your account's: 3 to 24 of a-z, 0-9 and _.";
        }
        String id = values.getOrDefault("id", "");
        if (!id.isEmpty() && !id.matches("[1-9][0-9]{0,8}")) {
            return "The node id is a positive whole number.";
        }
        for (String port : List.of("http-port", "peer-port")) {
            String text = values.getOrDefault(port, "");
            if (!text.isEmpty() && (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) > 65_535)) {
                return "A port is a number from 0 to 65535 (0: any free port).";
            }
        }
        String canvas = values.getOrDefault("canvas", "");
        if (!canvas.isEmpty() && !canvas.matches("(?i)[1-9][0-9]{0,4}x[1-9][0-9]{0,4}")) {
            return "The canvas size reads like 1000x1000.";
        }
        String autoRemove = values.getOrDefault("auto-remove-after", "");
        if (!autoRemove.isEmpty()) {
            try {
                DurationText.parse(autoRemove);
            } catch (IllegalArgumentException e) {
                return "Automatic removal: " + e.getMessage() + ".";
            }
        }
        try {
            List<PeerAddress> peers = PeerAddress.parseList(values.getOrDefault("peers", ""));
            if (!id.isEmpty() && peers.stream().anyMatch(peer -> peer.id() == Integer.parseInt(id))) {
                return "The peers list this node's own id.";
            }
        } catch (IllegalArgumentException e) {
            return "Peers: " + e.getMessage();
        }
        return null;
    }

    private void validate() {
        String found = problemWith(values());
        problem.setText(found == null ? "" : found);
        Node save = getDialogPane().lookupButton(SAVE);
        if (save != null) {
            save.setDisable(found != null);
        }
    }
}
