package org.distriplace.edge;

import java.util.function.Supplier;
import org.distriplace.core.api.ApiServer;
import org.distriplace.core.api.ApiTraffic;
import org.distriplace.core.api.ServerOptions;
import org.distriplace.core.net.ClusterSecret;
import org.distriplace.edge.history.PgHistory;
import org.distriplace.edge.sql.PgAccounts;
import org.distriplace.edge.sql.PgDatabase;

/**
 * {@code distri-place edge}: the same HTTP and WebSocket API and page as a node, served over the {@link EdgeEngine}
 * (Redis, Kafka, PostgreSQL). It keeps nothing of its own: any number run side by side, sessions signed with the
 * key they share, so a player may move between them.
 */
public final class EdgeServer implements AutoCloseable {

    private final PgDatabase database;
    private final EdgeEngine engine;
    private final ApiServer api;

    private EdgeServer(PgDatabase database, EdgeEngine engine, ApiServer api) {
        this.database = database;
        this.engine = engine;
        this.api = api;
    }

    /** Builds an edge's {@code GET /metrics} text from what it counts and what its clients cost. */
    @FunctionalInterface
    public interface Metrics {
        Supplier<String> scrape(EdgeEngine engine, ApiTraffic traffic);
    }

    /** An edge without {@code /metrics} (tests). */
    public static EdgeServer start(EdgeSettings settings, String bind, int port, ServerOptions options,
                                   ClusterSecret sessionKey) throws InterruptedException {
        return start(settings, bind, port, options, sessionKey, null);
    }

    /**
     * Connects to the services and serves on {@code bind:port} (0: any free port); if Redis lost the canvas, it is
     * rebuilt meanwhile.
     *
     * @param sessionKey the key every edge of this canvas shares, signing players' sessions
     * @param metrics    what {@code GET /metrics} answers, or null for none
     */
    public static EdgeServer start(EdgeSettings settings, String bind, int port, ServerOptions options,
                                   ClusterSecret sessionKey, Metrics metrics) throws InterruptedException {
        PgDatabase database = new PgDatabase(settings, 4);
        PgHistory history = new PgHistory(database, settings.canvas());
        PgAccounts accounts = new PgAccounts(database);
        EdgeEngine engine = null;
        try {
            engine = EdgeEngine.start(settings, accounts, history::rebuildStart);
            ApiServer api = new ApiServer(engine, bind, port, options, sessionKey, null, null)
                .withHistory(history, history);
            if (metrics != null) {
                api.withMetrics(metrics.scrape(engine, api.traffic()));
            }
            api.start();
            return new EdgeServer(database, engine, api);
        } catch (InterruptedException | RuntimeException e) {
            if (engine != null) {
                engine.close();
            }
            accounts.close();
            database.close();
            throw e;
        }
    }

    public int port() {
        return api.port();
    }

    public EdgeEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        api.close();
        engine.close();
        database.close();
    }
}
