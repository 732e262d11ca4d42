package org.distriplace.edge.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Debian's PostgreSQL, a cluster of its own in the stack's directory: {@code initdb} once (as the
 * {@code postgres} user when started by root: initdb refuses root), then the server on a loopback port with its
 * socket in the same directory. Its superuser is {@value #USER}, trusted on loopback (a machine's trial stack; an
 * operator's own PostgreSQL has its passwords), and it holds the database {@value #DATABASE}.
 */
final class PostgresServer implements StackService {

    static final String USER = "distriplace";
    static final String DATABASE = "distriplace";
    private static final String SYSTEM_USER = "postgres";

    private final ServiceDir dir;

    PostgresServer(ServiceDir dir) {
        this.dir = dir;
    }

    @Override
    public String name() {
        return "postgres";
    }

    private Path data() {
        return dir.path().resolve("data");
    }

    @Override
    public boolean running() {
        return dir.answering("postgres", PostgresServer::answers);
    }

    @Override
    public void start() throws IOException, InterruptedException {
        Path bin = Binaries.postgres();
        int port = dir.port("postgres");
        LocalProcess.ownedBy(SYSTEM_USER, dir.path());
        if (!Files.exists(data().resolve("PG_VERSION"))) {
            LocalProcess.run(LocalProcess.asUser(SYSTEM_USER, List.of(bin.resolve("initdb").toString(), "-D",
                data().toString(), "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C")), dir.path(),
                Duration.ofMinutes(2));
        }
        Process process = LocalProcess.spawn(LocalProcess.asUser(SYSTEM_USER, List.of(bin.resolve("postgres")
            .toString(), "-D", data().toString(), "-p", Integer.toString(port), "-h", "127.0.0.1", "-k",
            dir.path().toString())), dir.path(), dir.log());
        dir.recordPid(process.pid());
        if (!LocalProcess.waitUntil(() -> !process.isAlive() || answers(port), Duration.ofSeconds(60))
            || !process.isAlive()) {
            throw new IOException("PostgreSQL did not start on port " + port + "; see " + dir.log());
        }
        createDatabase(port);
    }

    /** Creates the canvas's database the first time. */
    private static void createDatabase(int port) throws IOException {
        try (Connection connection = connect(port, "postgres"); Statement statement = connection.createStatement()) {
            try (var found = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!found.next()) {
                    statement.execute("CREATE DATABASE " + DATABASE);
                }
            }
        } catch (SQLException e) {
            throw new IOException("could not create the database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() throws IOException, InterruptedException {
        // SIGINT is PostgreSQL's fast shutdown: transactions roll back, everything committed stays.
        dir.stop("INT", Duration.ofSeconds(30));
    }

    @Override
    public void kill() throws IOException, InterruptedException {
        dir.stop("KILL", Duration.ofSeconds(5));
    }

    @Override
    public String address() throws IOException {
        return "jdbc:postgresql://127.0.0.1:" + dir.port("postgres") + "/" + DATABASE;
    }

    private static boolean answers(int port) {
        try (Connection connection = connect(port, "postgres")) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static Connection connect(int port, String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("connectTimeout", "2");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
    }
}
