package org.distriplace.app.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.distriplace.app.testing.AppProcess;
import org.distriplace.app.testing.TestCluster;
import org.distriplace.core.testing.Await;
import org.distriplace.core.testing.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 2's faults under load, with real processes: an edge killed -9, Redis shut down without saving and started
 * again (empty), the Kafka broker stopped and started, PostgreSQL stopped and started. Afterwards every acknowledged
 * placement is on every edge's canvas and in PostgreSQL, and the canvas is exactly what the log holds.
 */
class EdgeFaultsTest {

    private static final int WIDTH = 128;
    private static final int HEIGHT = 64;
    private static final String CANVAS = WIDTH + "x" + HEIGHT;
    /** A canvas of this run's own: the stack's directory (and its data) outlives a run. */
    private static final String NAMESPACE = "faults-" + ProcessHandle.current().pid();

    private static EdgeStack stack;
    private static AppProcess first;
    private static AppProcess second;
    private static AppProcess history;

    @BeforeAll
    static void start() throws Exception {
        stack = new EdgeStack("faults");
        first = stack.edge(NAMESPACE, TestCluster.freePort(), CANVAS).start();
        second = stack.edge(NAMESPACE, TestCluster.freePort(), CANVAS).start();
        history = stack.historyService(NAMESPACE, CANVAS).start();
        awaitReady("both edges");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AppProcess process : new AppProcess[] {first, second, history}) {
            if (process != null && process.isAlive()) {
                process.kill9();
            }
        }
        if (stack != null) {
            stack.down();
        }
    }

    private static void awaitReady(String what) throws InterruptedException {
        Await.until(what + " ready", Duration.ofSeconds(60), () -> EdgeStack.ready(first) && EdgeStack.ready(second));
    }

    @Test
    void underLoadNoFaultLosesAnAcknowledgedPlacement() throws Exception {
        PlacementLoad load = new PlacementLoad(List.of(first, second), WIDTH, HEIGHT, 4);
        try {
            awaitMore(load, 100);

            second.kill9();
            awaitMore(load, 100);
            second.start();
            awaitReady("the restarted edge");

            stack.stack.stop("redis");
            stack.stack.start("redis");
            awaitReady("the rebuilt canvas");
            awaitMore(load, 100);

            stack.stack.stop("kafka");
            awaitRefused(load, 20);
            stack.stack.start("kafka");
            awaitReady("Kafka back");
            awaitMore(load, 100);

            stack.stack.stop("postgres");
            awaitMore(load, 100);
            stack.stack.start("postgres");
            awaitMore(load, 100);
        } finally {
            load.stop();
        }
        Map<Integer, Integer> acknowledged = load.acknowledged;
        assertTrue(acknowledged.size() > 500, "enough placements went through: " + acknowledged.size());

        Await.until("the history holds every acknowledged placement", Duration.ofSeconds(60),
            () -> stored().entrySet().containsAll(acknowledged.entrySet()));
        // Placements Redis ordered while Kafka was down were refused (503) yet shown: the outboxes log them late,
        // and the history stores them after; the canvas and the log agree once it has.
        for (AppProcess edge : List.of(first, second)) {
            try {
                Await.until(edge + "'s canvas is the log's", Duration.ofSeconds(45), () -> canvas(edge, stored()));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + ": " + difference, e);
            }
        }
        double rebuilds = 0;
        for (AppProcess edge : List.of(first, second)) {
            String metrics = edge.get("/metrics").body();
            assertTrue(metric(metrics, "distriplace_edge_placements_total", "outcome=\"placed\"") > 0, metrics);
            rebuilds += metric(metrics, "distriplace_edge_rebuilds_total", "");
        }
        assertEquals(1.0, rebuilds, "one edge rebuilt the canvas after Redis restarted empty");
        System.out.printf("faults: %d placements made, %d acknowledged, %d refused or unanswered %s; %d in the log%n",
            load.made(), acknowledged.size(), load.refused.get(), load.refusals, stored().size());
    }

    /** The value of the series {@code name} whose labels hold {@code label} in Prometheus' text. */
    private static double metric(String text, String name, String label) {
        return text.lines().filter(line -> line.startsWith(name + "{") && line.contains(label))
            .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static void awaitMore(PlacementLoad load, int more) throws InterruptedException {
        int target = load.acknowledged.size() + more;
        Await.until(more + " more acknowledged", Duration.ofSeconds(60), () -> load.acknowledged.size() >= target);
    }

    private static void awaitRefused(PlacementLoad load, int more) throws InterruptedException {
        int target = load.refused.get() + more;
        Await.until(more + " refused while Kafka is down", Duration.ofSeconds(60), () -> load.refused.get() >= target);
    }

    /** Pixel index to palette index of every placement PostgreSQL holds (each pixel was placed at most once). */
    private static Map<Integer, Integer> stored() {
        Map<Integer, Integer> found = new HashMap<>();
        Properties login = new Properties();
        login.setProperty("user", stack.values.get("postgres-user"));
        try (Connection connection = DriverManager.getConnection(stack.values.get("postgres"), login);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT x, y, color FROM " + NAMESPACE.replace('-', '_')
                 + ".pixel_events")) {
            while (rows.next()) {
                found.put(rows.getInt(2) * WIDTH + rows.getInt(1), (int) rows.getShort(3));
            }
        } catch (java.sql.SQLException e) {
            return Map.of();
        }
        return found;
    }

    private static volatile String difference = "";

    /** Whether {@code edge}'s canvas is exactly the log's placements on a blank canvas. */
    private static boolean canvas(AppProcess edge, Map<Integer, Integer> log) {
        try {
            byte[] canvas = new TestHttp().getBytes(edge.url("/api/v1/canvas")).body();
            if (canvas.length != WIDTH * HEIGHT) {
                return false;
            }
            int background = org.distriplace.core.model.Palette.rPlace2022().backgroundIndex();
            int shownNotLogged = 0;
            int loggedNotShown = 0;
            StringBuilder examples = new StringBuilder();
            for (int pixel = 0; pixel < canvas.length; pixel++) {
                int logged = log.getOrDefault(pixel, background);
                if (canvas[pixel] != (byte) logged) {
                    if (logged == background) {
                        shownNotLogged++;
                    } else {
                        loggedNotShown++;
                    }
                    if (examples.length() < 200) {
                        examples.append(" ").append(pixel).append(":").append(canvas[pixel]).append("/").append(logged);
                    }
                }
            }
            difference = shownNotLogged + " shown but not logged, " + loggedNotShown + " logged but not shown"
                + " (pixel:shown/logged" + examples + ")";
            return shownNotLogged + loggedNotShown == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
