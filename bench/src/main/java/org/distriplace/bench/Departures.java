package org.distriplace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Players going home (issue 13), on node processes with default timings: five nodes, three stopped by SIGTERM one
 * after another, timing each until node 1's configuration no longer names it, then a placement through node 1; and a
 * lone survivor (three nodes, failure timeout 1 s, two killed with SIGKILL) answering placements once it knows its
 * peers are dead. With a reference build, its nodes go through the same steps in the same run.
 */
final class Departures {

    /** How long a departure or an answer is waited for before it counts as "never". */
    private static final Duration GIVE_UP = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String referenceClassPath;
    private final List<String> jvmOptions;
    private final PrintWriter out;

    /** @param referenceClassPath another build's jar to measure beside this one, or null */
    Departures(String referenceClassPath, List<String> jvmOptions, PrintWriter out) {
        this.referenceClassPath = referenceClassPath;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.out = out;
    }

    /** Runs both steps for each build and adds {@code "membership": [...]} to the report. */
    void run(ObjectNode report) throws Exception {
        ArrayNode results = report.putArray("membership");
        for (Build build : Build.compared(referenceClassPath)) {
            ObjectNode result = results.addObject().put("build", build.name());
            quits(build.name(), build.classPath(), result);
            loneSurvivor(build.name(), build.classPath(), result);
        }
    }

    private void quits(String build, String classPath, ObjectNode result) throws Exception {
        Path dir = Files.createTempDirectory("distri-place-quits");
        try (BenchCluster cluster = new BenchCluster(dir, jvmOptions,
            new BenchCluster.Layout(5, 100, 100, List.of(), classPath))) {
            cluster.startAll();
            ArrayNode quits = result.putArray("sigterm_to_gone_ms");
            for (int quitter : new int[] {5, 4, 3}) {
                long sigterm = System.nanoTime();
                cluster.terminate(quitter); // SIGTERM; the node leaves, then exits
                long gone = awaitGone(cluster, quitter, sigterm);
                if (gone < 0) {
                    quits.addNull();
                } else {
                    quits.add(gone);
                }
                say("%s: SIGTERM to node %d -> gone from node 1's configuration: %s", build, quitter,
                    gone < 0 ? "never (still a member after " + GIVE_UP.toSeconds() + " s)" : gone + " ms");
            }
            Answer paint = place(cluster, 1, 1);
            result.putObject("paint_after_three_quits").put("status", paint.status()).put("ms", paint.ms());
            say("%s: node 1 paints after three of five quit: HTTP %d in %d ms", build, paint.status(), paint.ms());
        }
    }

    /** Milliseconds from {@code since} until node 1's configuration no longer names {@code id}, or -1. */
    private static long awaitGone(BenchCluster cluster, int id, long since) throws InterruptedException {
        long deadline = since + GIVE_UP.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode view = cluster.cluster(1);
            if (view != null && !names(view, id)) {
                return (System.nanoTime() - since) / 1_000_000;
            }
            Thread.sleep(5);
        }
        return -1;
    }

    private static boolean names(JsonNode view, int id) {
        for (JsonNode member : view.path("members")) {
            if (member.path("id").asInt() == id) {
                return true;
            }
        }
        return false;
    }

    private void loneSurvivor(String build, String classPath, ObjectNode result) throws Exception {
        Path dir = Files.createTempDirectory("distri-place-lone");
        try (BenchCluster cluster = new BenchCluster(dir, jvmOptions, new BenchCluster.Layout(3, 100, 100,
            List.of("--failure-timeout-ms", "1000"), classPath))) {
            cluster.startAll();
            cluster.kill9(2);
            cluster.kill9(3);
            long deadline = System.nanoTime() + GIVE_UP.toNanos();
            while (!bothDead(cluster.cluster(1)) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            ArrayNode answers = result.putObject("lone_survivor").put("failure_timeout_ms", 1000).putArray("answers");
            List<String> said = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Answer answer = place(cluster, 1, 10 + i);
                answers.addObject().put("status", answer.status()).put("ms", answer.ms());
                said.add(answer.status() + " in " + answer.ms() + " ms");
            }
            say("%s: lone survivor (failure timeout 1 s, both peers known dead) answers %s", build, said);
        }
    }

    private static boolean bothDead(JsonNode view) {
        if (view == null || view.path("peers").size() < 2) {
            return false;
        }
        for (JsonNode peer : view.path("peers")) {
            if (!peer.path("status").asText().equals("DEAD")) {
                return false;
            }
        }
        return true;
    }

    private record Answer(int status, long ms) {
    }

    private static Answer place(BenchCluster cluster, int id, int x) throws InterruptedException {
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cluster.http(id) + "/pixel"))
                .timeout(GIVE_UP).POST(HttpRequest.BodyPublishers.ofString("{\"x\":" + x + ",\"y\":1,\"color\":"
                    + "\"#FF4500\"}")).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), (System.nanoTime() - sent) / 1_000_000);
        } catch (java.io.IOException e) {
            return new Answer(0, (System.nanoTime() - sent) / 1_000_000);
        }
    }

    private void say(String format, Object... arguments) {
        out.println(String.format(Locale.ROOT, format, arguments));
        out.flush();
    }
}
