package org.distriplace.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.distriplace.core.engine.CanvasSettings;
import org.distriplace.core.model.Palette;
import org.distriplace.edge.EdgeSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where seed 2's services are and the canvas they keep, for {@code edge} and {@code history-service}: the keys of
 * the {@code edge.conf} that {@code distri-place stack up} writes. Every edge and history service of one canvas must
 * agree on them. The database password comes from {@code $DISTRI_PLACE_POSTGRES_PASSWORD} only, never a flag.
 */
final class BackendOptions {

    static final String PASSWORD_VARIABLE = "DISTRI_PLACE_POSTGRES_PASSWORD";

    @Option(names = "--redis", paramLabel = "URI[,URI...]", split = ",", description = "Redis: one "
        + "redis://HOST:PORT, or several nodes of a Redis Cluster.")
    List<String> redis = new ArrayList<>();

    @Option(names = "--kafka", paramLabel = "HOST:PORT[,...]", description = "Kafka's bootstrap servers.")
    String kafka;

    @Option(names = "--postgres", paramLabel = "JDBC-URL", description = "PostgreSQL, as "
        + "jdbc:postgresql://HOST:PORT/DATABASE (its password: $" + PASSWORD_VARIABLE + ").")
    String postgres;

    @Option(names = "--postgres-user", paramLabel = "USER", defaultValue = "distriplace", description = "The "
        + "PostgreSQL user (default: ${DEFAULT-VALUE}).")
    String postgresUser;

    @Option(names = "--namespace", paramLabel = "NAME", defaultValue = EdgeSettings.DEFAULT_NAMESPACE,
        description = "Names this canvas's Redis keys, Kafka topic (NAME.placements) and PostgreSQL schema, so "
            + "several canvases share the services (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--canvas", defaultValue = "1000x1000", description = "Canvas size WxH (default: "
        + "${DEFAULT-VALUE}).")
    String canvas;

    @Option(names = "--cooldown", defaultValue = "5", description = "Seconds between one player's pixels "
        + "(default: ${DEFAULT-VALUE}; 0 disables).")
    double cooldownSeconds;

    @Option(names = "--palette", description = "A palette file, one #RRGGBB per line (default: r/place 2022).")
    Path palette;

    /**
     * The settings, each checked: a missing or malformed one is a usage error naming its option.
     *
     * @param needsRedis whether the command uses Redis (an edge does; the history service reads only Kafka)
     */
    EdgeSettings settings(CommandLine command, Map<String, String> env, boolean needsRedis) {
        if (needsRedis && redis.isEmpty() || kafka == null || postgres == null) {
            throw new CommandLine.ParameterException(command, "name the services: " + (needsRedis ? "--redis, " : "")
                + "--kafka and --postgres (or --config DIR/edge.conf, which `distri-place stack up --dir DIR` "
                + "writes)");
        }
        List<URI> redisNodes = new ArrayList<>();
        for (String node : redis) {
            redisNodes.add(redisUri(command, node.strip()));
        }
        for (String server : kafka.split(",")) {
            if (!server.strip().matches("[^:/\\s]+:\\d{1,5}")) {
                throw new CommandLine.ParameterException(command, "--kafka: '" + server.strip()
                    + "' is not HOST:PORT");
            }
        }
        if (!postgres.startsWith("jdbc:postgresql://")) {
            throw new CommandLine.ParameterException(command, "--postgres: '" + postgres
                + "' is not a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DATABASE)");
        }
        try {
            int[] size = NodeOptions.canvasSize(canvas);
            CanvasSettings canvasSettings = new CanvasSettings(size[0], size[1],
                palette == null ? Palette.rPlace2022() : Palette.load(palette), Math.round(cooldownSeconds * 1000));
            return new EdgeSettings(redisNodes, kafka.strip(), postgres, postgresUser,
                env.getOrDefault(PASSWORD_VARIABLE, ""), namespace, canvasSettings);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command, "invalid settings: " + e.getMessage());
        }
    }

    private static URI redisUri(CommandLine command, String text) {
        try {
            URI uri = new URI(text);
            if (!"redis".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
                throw new java.net.URISyntaxException(text, "expected redis://HOST:PORT");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new CommandLine.ParameterException(command, "--redis: '" + text + "' is not redis://HOST:PORT");
        }
    }
}
