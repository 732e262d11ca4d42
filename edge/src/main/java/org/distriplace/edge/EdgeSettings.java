package org.distriplace.edge;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.distriplace.core.engine.CanvasSettings;

/**
 * Where an edge (or the history service) finds seed 2's services, and the canvas they keep.
 *
 * @param redis            one Redis ({@code redis://host:port}), or several nodes of a Redis Cluster (none for the
 *                         history service, which never uses Redis)
 * @param kafka            the Kafka bootstrap servers, {@code host:port,...}
 * @param postgres         the JDBC URL of the PostgreSQL database holding the history and the accounts
 * @param postgresUser     its user
 * @param postgresPassword its password ("" for none: the local stack trusts loopback)
 * @param namespace        names this canvas's keys, channel, topic and tables, so several canvases (or tests) share
 *                         one set of services: lower-case letters, digits and dashes
 * @param canvas           the canvas, its palette and the cooldown
 */
public record EdgeSettings(List<URI> redis, String kafka, String postgres, String postgresUser,
                           String postgresPassword, String namespace, CanvasSettings canvas) {

    /** The namespace of a canvas nobody named. */
    public static final String DEFAULT_NAMESPACE = "place";

    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public EdgeSettings {
        redis = List.copyOf(redis);
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(postgres, "postgres");
        Objects.requireNonNull(postgresUser, "postgresUser");
        Objects.requireNonNull(postgresPassword, "postgresPassword");
        Objects.requireNonNull(canvas, "canvas");
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace: '" + namespace
                + "' must be lower-case letters, digits and dashes (at most 40)");
        }
    }

    /** The Kafka topic of every placement. */
    public String topic() {
        return namespace + ".placements";
    }

    /** The PostgreSQL schema of this canvas's tables. */
    public String schema() {
        return namespace.replace('-', '_');
    }
}
