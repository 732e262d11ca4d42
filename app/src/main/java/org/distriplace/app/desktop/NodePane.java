package org.distriplace.app.desktop;

import java.util.concurrent.CompletableFuture;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.distriplace.app.desktop.canvas.CanvasPixels;
import org.distriplace.app.desktop.canvas.CanvasView;
import org.distriplace.app.desktop.canvas.PixelFeed;
import org.distriplace.app.desktop.history.HistoryControls;
import org.distriplace.app.desktop.history.HistoryReader;
import org.distriplace.app.desktop.history.PixelInfoPanel;
import org.distriplace.app.runtime.PlayerAccount;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.runtime.Node;

/**
 * Everything a player sees of one node: the canvas with its zoom controls and the pixel under the cursor, the
 * palette, the cooldown, the last placement's outcome, and the node's status with the address browsers join
 * through.
 */
public final class NodePane extends BorderPane {

    private static final PseudoClass WAITING = PseudoClass.getPseudoClass("waiting");
    private static final PseudoClass UNHEALTHY = PseudoClass.getPseudoClass("unhealthy");

    private final Node node;
    private final PixelFeed feed;
    private final CanvasView canvas;
    private final PlacementModel placements;
    private final PaletteBar palette;
    private final Label cooldown = new Label();
    private final Label message = new Label();
    private final Label player = new Label();
    private final Label teacher = new Label();
    private ModerationDialog.Access moderation;
    private String account;
    private final Label nodeLabel = new Label();
    private final Label leaderLabel = new Label();
    private final Label epochLabel = new Label();
    private final Label peersLabel = new Label();
    private final TextField url = new TextField();
    private final Timeline refresh;
    private final HistoryControls history;

    /** The node this pane shows. */
    public Node node() {
        return node;
    }

    public NodePane(Node node, String browserUrl, String user) {
        this(node, browserUrl, user, null, null);
    }

    /**
     * @param history the node's history, or null where it keeps none (then there is no Inspect, History or
     *                Timelapse…)
     * @param link    opens a placement's commit in the inspector
     */
    public NodePane(Node node, String browserUrl, String user, HistoryReader history,
                    PixelInfoPanel.ProvenanceLink link) {
        this.node = node;
        NodeConfig config = node.config();
        this.feed = new PixelFeed(config.width());
        node.addPixelListener(feed);
        this.canvas = new CanvasView(new CanvasPixels(config.width(), config.height(), config.palette()), feed,
            // Read from the node's published view, off the JavaFX thread.
            () -> CompletableFuture.supplyAsync(() -> node.view().canvas().toBytes()));
        this.placements = new PlacementModel(node::place, user, config.cooldownMs(), FxThread.EXECUTOR,
            System::currentTimeMillis);
        this.palette = new PaletteBar(config.palette());
        url.setText(browserUrl);
        getStyleClass().add("node-pane");
        BorderPane area = new BorderPane(canvas);
        this.history = history == null ? null : new HistoryControls(history, canvas, area, link);
        teacher.setId("teacher-banner");
        teacher.getStyleClass().add("teacher-banner");
        teacher.setMaxWidth(Double.MAX_VALUE);
        teacher.setWrapText(true);
        showTeacher(false, "");
        setTop(new VBox(teacher, toolbar()));
        setCenter(area);
        setBottom(bottom());
        canvas.setOnPixelClicked((x, y) -> {
            if (this.history != null && this.history.asking()) {
                this.history.showPixel(x, y);
            } else {
                placements.place(x, y, palette.selectedProperty().get());
            }
        });
        if (this.history != null) {
            canvas.setOnPixelInspected(this.history::showPixel);
        }
        placements.addListener(this::showPlacements);
        refresh = new Timeline(new KeyFrame(Duration.millis(250), e -> refresh()));
        refresh.setCycleCount(Timeline.INDEFINITE);
        refresh.play();
        showPlacements();
        refresh();
    }

    public CanvasView canvas() {
        return canvas;
    }

    public PlacementModel placements() {
        return placements;
    }

    public PaletteBar palette() {
        return palette;
    }

    /** Lets this pane's player moderate, if the node names their account a moderator. */
    public void allowModeration(ModerationDialog.Access access) {
        this.moderation = access;
    }

    /** How this pane's player may moderate, or null where they may not. */
    public ModerationDialog.Access moderation() {
        return account != null && moderation != null && moderation.moderators().contains(account) ? moderation
            : null;
    }

    /** The account the player paints as, once claimed; null for a guest. */
    public String account() {
        return account;
    }

    /**
     * Tells the player when their node is being manipulated (a teacher paused it, or cut or degraded its links, from
     * an inspector holding the cluster secret): their pixels may wait or fail, and it is not their machine's fault.
     */
    private void manipulation() {
        StringBuilder what = new StringBuilder();
        if (node.isPaused()) {
            what.append("paused");
        }
        if (!node.cutOffPeers().isEmpty()) {
            what.append(what.length() == 0 ? "" : "; ").append("cut off from ").append(node.cutOffPeers().stream()
                .sorted().map(id -> "n" + id).toList());
        }
        if (!node.degradedPeers().isEmpty()) {
            what.append(what.length() == 0 ? "" : "; ").append("slow or lossy links to ").append(node.degradedPeers()
                .stream().sorted().map(id -> "n" + id).toList());
        }
        showTeacher(what.length() > 0, "Your teacher is testing the cluster: this node is " + what
            + ". Your pixels may wait or fail for a while.");
    }

    private void showTeacher(boolean on, String text) {
        teacher.setText(text);
        teacher.setVisible(on);
        teacher.setManaged(on);
    }

    /** From now on the player paints as {@code claim} says, and is told so. On the JavaFX thread. */
    public void playAs(PlayerAccount.Claim claim) {
        account = claim.own() ? claim.userId() : null;
        placements.setUser(claim.userId());
        player.setText(claim.own() ? claim.userId() : "guest");
        showMessage(claim.note());
    }

    /** Shows a line of news where placement outcomes appear (until the next placement). */
    public void showMessage(String text) {
        message.setText(text);
    }

    /** The history's controls, where the node keeps a history. */
    public java.util.Optional<HistoryControls> history() {
        return java.util.Optional.ofNullable(history);
    }

    /** Stops listening to the node and drawing (the node itself is closed by its owner). */
    public void close() {
        if (history != null) {
            history.close();
        }
        refresh.stop();
        canvas.stop();
        node.removePixelListener(feed);
    }

    private HBox toolbar() {
        Button zoomOut = button("−", "Zoom out (−)", canvas::zoomOut);
        Button zoomIn = button("+", "Zoom in (+)", canvas::zoomIn);
        Button fit = button("Fit", "Show the whole canvas (0)", canvas::fit);
        Label hover = new Label();
        hover.setId("hover");
        hover.textProperty().bind(canvas.hoverTextProperty());
        hover.setMinWidth(160);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        cooldown.setId("cooldown");
        HBox bar = new HBox(6, zoomOut, zoomIn, fit, hover, spacer);
        if (history != null) {
            bar.getChildren().addAll(history.buttons());
        }
        player.setId("player");
        player.setText(placements.user());
        player.setTooltip(new Tooltip("Who you paint as: your account, or a guest"));
        bar.getChildren().addAll(player, cooldown);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        bar.getStyleClass().add("toolbar");
        return bar;
    }

    private static Button button(String text, String tip, Runnable action) {
        Button button = new Button(text);
        button.setTooltip(new Tooltip(tip));
        button.setFocusTraversable(false);
        button.setOnAction(e -> action.run());
        return button;
    }

    private VBox bottom() {
        message.setId("message");
        nodeLabel.setId("node-status");
        leaderLabel.setId("leader-status");
        peersLabel.setId("peers-status");
        url.setId("browser-url");
        url.setEditable(false);
        url.setPrefColumnCount(24);
        url.setTooltip(new Tooltip("Open this address in a browser to paint through this node"));
        HBox status = new HBox(14, nodeLabel, leaderLabel, epochLabel, peersLabel, new Label("Browsers:"), url);
        status.setAlignment(Pos.CENTER_LEFT);
        status.getStyleClass().add("status-bar");
        VBox bottom = new VBox(6, palette, message, status);
        bottom.setPadding(new Insets(6, 8, 8, 8));
        return bottom;
    }

    private void showPlacements() {
        canvas.showPending(placements.pending());
        message.setText(placements.message());
        updateCooldown();
    }

    private void updateCooldown() {
        cooldown.setText(placements.cooldownText());
        cooldown.pseudoClassStateChanged(WAITING, !placements.canPlace());
        canvas.setCursor(placements.canPlace() ? Cursor.CROSSHAIR : Cursor.DEFAULT);
    }

    private void refresh() {
        updateCooldown();
        manipulation();
        if (node.isClosed()) {
            nodeLabel.setText("Node " + node.id() + " · stopped");
            return;
        }
        node.report().thenAccept(report -> FxThread.run(() -> {
            NodeStatus status = NodeStatus.of(report, url.getText());
            nodeLabel.setText(status.node());
            leaderLabel.setText(status.leader());
            epochLabel.setText(status.epoch());
            peersLabel.setText(status.peers());
            nodeLabel.pseudoClassStateChanged(UNHEALTHY, !status.healthy());
        }));
    }
}
