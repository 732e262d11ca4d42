package org.distriplace.edge.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Debian's nginx in front of edges on this machine, as docs/internet-scale.md sets it up: a round-robin upstream,
 * WebSocket upgrades, X-Forwarded-For, and a cache for the canvas that honours the edges' Cache-Control and ETag.
 * Runs in the foreground in a directory of its own, on a free loopback port; stopped by {@link #close}. For tests
 * and the benchmark (an operator writes their own configuration, from the same example).
 */
public final class NginxFront implements AutoCloseable {

    public final int port;
    private final Process process;

    private NginxFront(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Whether Debian's nginx is installed. */
    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/sbin/nginx"));
    }

    /** Starts nginx in front of the edges on {@code edges} (loopback ports), its files in {@code dir}. */
    public static NginxFront inFrontOf(List<Integer> edges, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("cache"));
        Files.createDirectories(dir.resolve("temp"));
        // Its workers run as an unprivileged user when started by root: they must write the cache.
        for (Path writable : List.of(dir, dir.resolve("cache"), dir.resolve("temp"))) {
            writable.toFile().setWritable(true, false);
            writable.toFile().setExecutable(true, false);
        }
        int port;
        try (ServerSocket free = new ServerSocket()) {
            free.bind(new InetSocketAddress("127.0.0.1", 0));
            port = free.getLocalPort();
        }
        String temp = dir.resolve("temp").toAbsolutePath().toString();
        String servers = edges.stream().map(edge -> "        server 127.0.0.1:" + edge + ";")
            .collect(Collectors.joining("\n"));
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, """
            worker_processes 1;
            daemon off;
            pid %1$s/nginx.pid;
            error_log %1$s/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path %2$s/body;
                proxy_temp_path %2$s/proxy;
                fastcgi_temp_path %2$s/fastcgi;
                uwsgi_temp_path %2$s/uwsgi;
                scgi_temp_path %2$s/scgi;
                proxy_cache_path %1$s/cache keys_zone=canvas:1m max_size=64m;
                upstream edges {
            %3$s
                }
                map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                server {
                    listen 127.0.0.1:%4$d;
                    proxy_http_version 1.1;
                    # A location that sets any header inherits none from here: each sets all of its own.
                    location / {
                        proxy_pass http://edges;
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_read_timeout 1h;
                    }
                    location = /api/v1/canvas {
                        proxy_pass http://edges;
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_cache canvas;
                        proxy_cache_revalidate on;
                        proxy_cache_lock on;
                        proxy_cache_use_stale updating error timeout;
                        proxy_cache_background_update on;
                        add_header X-Cache $upstream_cache_status always;
                    }
                }
            }
            """.formatted(dir.toAbsolutePath(), temp, servers, port));
        Process process = new ProcessBuilder("/usr/sbin/nginx", "-c", conf.toAbsolutePath().toString(), "-p",
            dir.toAbsolutePath().toString()).redirectErrorStream(true)
            .redirectOutput(dir.resolve("nginx.out").toFile()).start();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end && process.isAlive()) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new NginxFront(port, process);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IOException("nginx did not start: " + Files.readString(dir.resolve("nginx.out"))
            + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
    }

    /** {@code path} through nginx. */
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
