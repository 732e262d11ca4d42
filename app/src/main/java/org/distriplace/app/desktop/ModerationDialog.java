package org.distriplace.app.desktop;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.distriplace.core.api.Rollbacks;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.read.Accounts;
import org.distriplace.core.runtime.Node;

/**
 * A moderator's panel: the bans in force (and unbanning), banning a player, undoing a player's last minutes and
 * putting an area back as it was minutes ago. Each action commits through the cluster, like a pixel; a rollback
 * restores, as writes made as {@code mod:NAME}, what the history shows.
 */
public final class ModerationDialog extends Dialog<Void> {

    /** What moderating needs from the app's node: its rollbacks, and the accounts it names moderators. */
    public record Access(Rollbacks rollbacks, Set<String> moderators) {
    }

    private final Node node;
    private final Rollbacks rollbacks;
    private final String moderator;
    private final ListView<String> bans = new ListView<>();
    private final TextField player = new TextField();
    private final TextField reason = new TextField();
    private final TextField minutes = new TextField("60");
    private final TextField region = new TextField();
    private final Label status = new Label();

    public ModerationDialog(Node node, Rollbacks rollbacks, String moderator) {
        this.node = node;
        this.rollbacks = rollbacks;
        this.moderator = moderator;
        setTitle("Moderation");
        setHeaderText("Moderating as " + moderator + ". Bans and rollbacks commit through the cluster, like pixels: "
            + "every node holds them, and the history shows rollbacks as mod:" + moderator + ".");
        bans.setId("mod-bans");
        bans.setPrefSize(560, 140);
        player.setId("mod-player");
        player.setPromptText("the player's id (an account name, guest-…)");
        reason.setId("mod-reason");
        reason.setPromptText("why (moderators see it)");
        minutes.setId("mod-minutes");
        region.setId("mod-region");
        region.setPromptText("x,y,w,h");
        status.setId("mod-status");
        status.setWrapText(true);
        Button unban = button("Unban", "mod-unban", this::unbanSelected);
        unban.disableProperty().bind(bans.getSelectionModel().selectedItemProperty().isNull());
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("Player"), player, button("Ban", "mod-ban", this::ban));
        form.addRow(1, new Label("Reason"), reason);
        form.addRow(2, new Label("Minutes back"), minutes, button("Undo the player's last minutes", "mod-rollback",
            this::rollbackPlayer));
        form.addRow(3, new Label("Area"), region, button("Put the area back as it was", "mod-area",
            this::rollbackArea));
        VBox content = new VBox(8, new Label("Bans in force"), bans, new HBox(8, unban), form, status);
        content.setPadding(new Insets(4));
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        refresh();
    }

    private static Button button(String text, String id, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(e -> action.run());
        return button;
    }

    private void refresh() {
        bans.getItems().setAll(node.view().accounts().banned().values().stream()
            .sorted(Comparator.comparing(Accounts.Ban::name))
            .map(ban -> ban.name() + " — by " + ban.by() + (ban.reason().isBlank() ? "" : ": " + ban.reason()))
            .toList());
    }

    private void ban() {
        String who = player.getText().strip();
        if (who.isEmpty()) {
            status.setText("Name the player to ban.");
            return;
        }
        run("Banning " + who + "…", node.changeAccount(new AccountChange(AccountChange.Kind.BAN, who,
            reason.getText().strip(), moderator)).thenApply(entry -> who + " is banned on every node."));
    }

    private void unbanSelected() {
        String who = bans.getSelectionModel().getSelectedItem().split(" — ")[0];
        run("Unbanning " + who + "…", node.changeAccount(new AccountChange(AccountChange.Kind.UNBAN, who, "",
            moderator)).thenApply(entry -> who + " may place again."));
    }

    private void rollbackPlayer() {
        String who = player.getText().strip();
        Duration back = minutesBack();
        if (who.isEmpty() || back == null) {
            status.setText("Name the player, and how many minutes back to undo.");
            return;
        }
        Instant now = Instant.now();
        run("Undoing " + who + "'s last " + back.toMinutes() + " minutes…",
            rollbacks.ofPlayer(moderator, who, now.minus(back), now).thenApply(this::restored));
    }

    private void rollbackArea() {
        Duration back = minutesBack();
        String[] parts = region.getText().split(",");
        if (back == null || parts.length != 4) {
            status.setText("Give the area as x,y,w,h, and how many minutes back it looked right.");
            return;
        }
        try {
            int[] area = new int[4];
            for (int i = 0; i < 4; i++) {
                area[i] = Integer.parseInt(parts[i].strip());
            }
            run("Putting the area back…", rollbacks.ofArea(moderator, area[0], area[1], area[2], area[3],
                Instant.now().minus(back)).thenApply(this::restored));
        } catch (NumberFormatException e) {
            status.setText("The area is four whole numbers: x,y,w,h.");
        }
    }

    private String restored(Rollbacks.Outcome outcome) {
        return "Restored " + outcome.restored() + " of " + outcome.planned() + " pixels.";
    }

    private Duration minutesBack() {
        try {
            long value = Long.parseLong(minutes.getText().strip());
            return value > 0 ? Duration.ofMinutes(value) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Runs an action, saying so, then what came of it (on the JavaFX thread). */
    private void run(String doing, CompletableFuture<String> action) {
        status.setText(doing);
        action.whenComplete((done, failure) -> FxThread.run(() -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            status.setText(failure == null ? done : "Not done: " + cause.getMessage());
            refresh();
        }));
    }
}
