package org.distriplace.inspector.view;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.distriplace.inspector.model.EventLog;
import org.distriplace.inspector.model.InspectorModel;
import org.distriplace.inspector.model.Topic;

/** Every event as one line, newest at the bottom, filtered by protocol and by a search box. */
public final class EventLogView extends BorderPane {

    /** Most lines shown at once (the log remembers more; narrow the filter to see further back). */
    static final int MAX_LINES = 2_000;

    private final ListView<EventLog.Entry> list = new ListView<>();
    private final TextField search = new TextField();
    private final CheckBox follow = new CheckBox("follow");
    private final TopicFilter filter = new TopicFilter("log", List.of(Topic.values()), () -> shownRevision = -1);
    private long shownRevision = -1;

    public EventLogView() {
        search.setPromptText("search (node, kind, epoch…)");
        search.setId("log-search");
        search.textProperty().addListener(o -> shownRevision = -1);
        follow.setSelected(true);
        HBox.setHgrow(search, Priority.ALWAYS);
        BorderPane top = new BorderPane(filter, new HBox(8, search, follow), null, null, null);
        top.setPadding(new Insets(4, 8, 4, 8));
        setTop(top);
        list.setId("log-list");
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(EventLog.Entry entry, boolean empty) {
                super.updateItem(entry, empty);
                setText(empty || entry == null ? null : entry.text());
                setTextFill(empty || entry == null ? null : TopicColors.of(entry.topic()).darker());
            }
        });
        setCenter(list);
    }

    public void refresh(InspectorModel model) {
        if (model.revision() == shownRevision) {
            return;
        }
        shownRevision = model.revision();
        List<EventLog.Entry> lines = model.log().matching(filter.shown(), search.getText(), MAX_LINES);
        list.getItems().setAll(lines);
        if (follow.isSelected() && !lines.isEmpty()) {
            list.scrollTo(lines.size() - 1);
        }
    }

    /** Lines shown. */
    public List<EventLog.Entry> lines() {
        return List.copyOf(list.getItems());
    }
}
