package org.distriplace.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Clients that loop on the canvas reads as fast as they are answered, alternating {@code GET /canvas} (the painted
 * pixels as JSON) and {@code GET /api/v1/canvas} (palette indexes), each on a connection of its own. They read
 * every byte and keep none. Closing stops them.
 */
final class Readers implements AutoCloseable {

    /** Reads answered, bytes read, and reads that failed. */
    record Totals(long requests, long bytes, long errors) {
    }

    private static final String[] PATHS = {"/canvas", "/api/v1/canvas"};

    private final List<Thread> threads = new ArrayList<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private volatile boolean running = true;

    private Readers() {
    }

    /** One reader per node address given. */
    static Readers start(List<String> nodes) {
        Readers readers = new Readers();
        for (int i = 0; i < nodes.size(); i++) {
            String node = nodes.get(i);
            Thread thread = new Thread(() -> readers.loop(node), "reader-" + i);
            thread.setDaemon(true);
            readers.threads.add(thread);
            thread.start();
        }
        return readers;
    }

    private void loop(String node) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        byte[] sink = new byte[1 << 16];
        for (int n = 0; running; n++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(node + PATHS[n % PATHS.length]))
                .timeout(Duration.ofSeconds(30)).build();
            try (InputStream body = http.send(request, HttpResponse.BodyHandlers.ofInputStream()).body()) {
                for (int read = body.read(sink); read >= 0; read = body.read(sink)) {
                    bytes.add(read);
                }
                requests.increment();
            } catch (IOException e) {
                errors.increment();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    Totals totals() {
        return new Totals(requests.sum(), bytes.sum(), errors.sum());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(30_000);
        }
    }
}
