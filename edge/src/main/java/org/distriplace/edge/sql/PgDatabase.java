package org.distriplace.edge.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.distriplace.edge.EdgeSettings;
import org.flywaydb.core.Flyway;

/**
 * The canvas's PostgreSQL database: a small pool of connections (HikariCP) whose search path is the canvas's
 * schema, and that schema's tables, created or brought up to date by Flyway the first time the database answers
 * (an edge starts while PostgreSQL is down, and migrates once it is up). Thread-safe.
 */
public final class PgDatabase implements AutoCloseable {

    private final HikariDataSource pool;
    private final String schema;
    private volatile boolean migrated;

    public PgDatabase(EdgeSettings settings, int connections) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.postgres());
        config.setUsername(settings.postgresUser());
        if (!settings.postgresPassword().isEmpty()) {
            config.setPassword(settings.postgresPassword());
        }
        config.setSchema(settings.schema());
        // Flyway holds two connections while it migrates: a pool of one would wait on itself.
        config.setMaximumPoolSize(Math.max(2, connections));
        config.setMinimumIdle(0);
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(2_000);
        // Start without PostgreSQL: placements never wait for it, and the pool connects once it answers.
        config.setInitializationFailTimeout(-1);
        config.setPoolName("postgres-" + settings.schema());
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("connectTimeout", "3");
        config.addDataSourceProperty("socketTimeout", "30");
        this.pool = new HikariDataSource(config);
        this.schema = settings.schema();
    }

    /** A connection of the pool, the schema migrated first if it was not yet; fails while PostgreSQL is down. */
    public Connection connection() throws SQLException {
        if (!migrated) {
            migrate();
        }
        return pool.getConnection();
    }

    private synchronized void migrate() throws SQLException {
        if (migrated) {
            return;
        }
        try {
            Flyway.configure().dataSource(pool).schemas(schema).createSchemas(true)
                .locations("classpath:org/distriplace/edge/db").load().migrate();
            migrated = true;
        } catch (RuntimeException e) {
            throw new SQLException("could not bring the schema " + schema + " up to date: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
