package org.distriplace.core.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Files of the browser client, served from the {@code assets} module's classpath folder. */
final class StaticFiles {

    private static final String ROOT = "/org/distriplace/assets/web";
    private static final Pattern SAFE = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");
    private static final Map<String, String> TYPES = Map.of(
        "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
        "css", "text/css; charset=utf-8", "png", "image/png", "svg", "image/svg+xml",
        "json", "application/json", "ico", "image/x-icon");

    /** A file's bytes and content type. */
    record File(byte[] bytes, String contentType) {
    }

    private StaticFiles() {
    }

    /** Whether {@code path} is the page a player opens to play (where a guest session starts). */
    static boolean isPage(String path) {
        return path.equals("/") || path.equals("/index.html");
    }

    /** The file at a request path ({@code /} is {@code /index.html}); empty if there is none or the path is odd. */
    static Optional<File> find(String path) {
        String file = path.equals("/") ? "/index.html" : path;
        if (!SAFE.matcher(file).matches() || file.contains("..")) {
            return Optional.empty();
        }
        String extension = file.substring(file.lastIndexOf('.') + 1);
        try (InputStream in = StaticFiles.class.getResourceAsStream(ROOT + file)) {
            return in == null ? Optional.empty()
                : Optional.of(new File(in.readAllBytes(), TYPES.getOrDefault(extension, "application/octet-stream")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
