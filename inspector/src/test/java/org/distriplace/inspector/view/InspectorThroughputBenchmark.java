package org.distriplace.inspector.view;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.inspector.feed.EventInbox;
import org.distriplace.inspector.feed.InspectorSource;
import org.distriplace.inspector.feed.Scenario;
import org.distriplace.inspector.feed.DemoSettings;
import org.distriplace.inspector.feed.SimulatedCluster;
import org.distriplace.inspector.model.InspectorModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A benchmark, not a test (it asserts nothing about time): how many events per second the inspector takes in
 * before it drops or lags. A producer thread replays a recorded five-node trace (a leader crash with every
 * per-message event) into the inbox at a fixed rate for 8 s while the inspector runs on its own frame timer with
 * the space-time tab showing. Skipped unless asked for; see docs/benchmarks.md for the command.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "bench.inspector", matches = "true")
class InspectorThroughputBenchmark {

    private static final int INBOX = 200_000;
    private static final long SECONDS = 8;

    private final AtomicLong clock = new AtomicLong();
    private InspectorPane pane;
    private EventInbox inbox;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private static List<NodeEvent> recordedTrace() {
        EventInbox recording = new EventInbox(2_000_000);
        SimulatedCluster cluster = new SimulatedCluster(DemoSettings.demo(5, 3), recording);
        cluster.setSpeed(1);
        cluster.advance(10_000);
        cluster.play(Scenario.LEADER_CRASH);
        cluster.advance(20_000);
        InspectorModel model = new InspectorModel(new InspectorModel.Limits(2_000_000, 10, 10, 10_000));
        recording.drainTo(model, Integer.MAX_VALUE);
        return model.log().events();
    }

    @Test
    void eventsPerSecondTheInspectorKeepsUpWith() throws Exception {
        List<NodeEvent> trace = recordedTrace();
        System.out.printf(Locale.ROOT, "trace: %d events over %.1f virtual s%n", trace.size(),
            trace.get(trace.size() - 1).at() / 1000.0);
        System.out.println("| events/s offered | taken in/s | dropped | backlog at end | frames/s |");
        // -Dbench.rate=N measures one rate only; -Dbench.tab=I shows another tab (0 is the vector clocks).
        Integer only = Integer.getInteger("bench.rate");
        int[] rates = only != null ? new int[] {only}
            : new int[] {1_000, 5_000, 10_000, 20_000, 40_000, 80_000, 160_000};
        for (int rate : rates) {
            run(trace, rate);
        }
    }

    private void run(List<NodeEvent> trace, int rate) throws Exception {
        inbox = new EventInbox(INBOX);
        WaitForAsyncUtils.asyncFx(() -> {
            pane = new InspectorPane(new InspectorSource("bench", inbox, clock::get, null, null));
            stage.setScene(new Scene(pane, 1200, 760));
            stage.show();
            pane.start();
            ((javafx.scene.control.TabPane) pane.lookup("#inspector-tabs")).getSelectionModel()
                .select(Integer.getInteger("bench.tab", 3));
        }).get();
        AtomicLong frames = new AtomicLong();
        AnimationTimer counter = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frames.incrementAndGet();
            }
        };
        WaitForAsyncUtils.asyncFx(counter::start).get();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread producer = new Thread(() -> produce(trace, rate, running), "events");
        producer.start();
        Thread.sleep(SECONDS * 1_000);
        running.set(false);
        producer.join();
        long taken = inbox.received() - inbox.dropped() - inbox.backlog();
        System.out.printf(Locale.ROOT, "| %,d | %,.0f | %,d | %,d | %.1f |%n", rate, taken / (double) SECONDS,
            inbox.dropped(), inbox.backlog(), frames.get() / (double) SECONDS);
        WaitForAsyncUtils.asyncFx(() -> {
            counter.stop();
            pane.stop();
        }).get();
    }

    /** Emits {@code rate} events per second in 1 ms slices, cycling through the trace. */
    private void produce(List<NodeEvent> trace, int rate, AtomicBoolean running) {
        long start = System.nanoTime();
        long sent = 0;
        int next = 0;
        while (running.get()) {
            long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
            while (sent < due) {
                NodeEvent event = trace.get(next);
                next = (next + 1) % trace.size();
                clock.accumulateAndGet(event.at(), Math::max);
                inbox.emit(event);
                sent++;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }
}
