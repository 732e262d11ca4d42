package org.distriplace.edge.stack;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A single Kafka broker in KRaft mode (broker and controller in one JVM), from Apache Kafka's own jars as Maven
 * Central serves them: the {@code kafka-broker} module copies them to {@code kafka-broker/target/lib}, never onto
 * the app's classpath. It keeps every record (no retention limit: the log is where the canvas is rebuilt from).
 */
final class KafkaBroker implements StackService {

    /** Where the broker's jars are, when not found beside the build (an installed app has none). */
    static final String LIB_PROPERTY = "distriplace.kafka.lib";

    private final ServiceDir dir;

    KafkaBroker(ServiceDir dir) {
        this.dir = dir;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public boolean running() {
        return dir.answering("kafka", port -> answers("127.0.0.1:" + port));
    }

    @Override
    public void start() throws IOException, InterruptedException {
        Path lib = lib();
        int port = dir.port("kafka");
        int controller = dir.port("controller");
        Path properties = dir.path().resolve("server.properties");
        Files.writeString(properties, String.join("\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controller,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs=" + dir.path().resolve("data"),
            "num.partitions=1",
            "auto.create.topics.enable=false",
            "log.retention.ms=-1",
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "") );
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Warnings and worse into kafka.log (its own INFO says every setting and every segment).
        Path logging = dir.path().resolve("log4j2.properties");
        Files.writeString(logging, String.join("\n", "rootLogger.level = WARN",
            "rootLogger.appenderRef.out.ref = out", "appender.out.type = Console", "appender.out.name = out",
            "appender.out.layout.type = PatternLayout", "appender.out.layout.pattern = %d %-5p [%c] %m%n", ""));
        String classpath = lib.resolve("*").toString();
        if (!Files.exists(dir.path().resolve("data").resolve("meta.properties"))) {
            LocalProcess.run(List.of(java, "-Xmx256m", "-cp", classpath, "kafka.tools.StorageTool", "format",
                "-t", clusterId(), "-c", properties.toString()), dir.path(), Duration.ofMinutes(2));
        }
        Process process = LocalProcess.spawn(List.of(java, "-Xms128m", "-Xmx512m",
            "-Dlog4j2.configurationFile=" + logging, "-cp", classpath, "kafka.Kafka", properties.toString()),
            dir.path(), dir.log());
        dir.recordPid(process.pid());
        String address = "127.0.0.1:" + port;
        if (!LocalProcess.waitUntil(() -> !process.isAlive() || LocalProcess.listening(port) && answers(address),
            Duration.ofSeconds(90)) || !process.isAlive()) {
            throw new IOException("the Kafka broker did not start on port " + port + "; see " + dir.log());
        }
    }

    @Override
    public void stop() throws IOException, InterruptedException {
        dir.stop("TERM", Duration.ofSeconds(30));
    }

    @Override
    public void kill() throws IOException, InterruptedException {
        dir.stop("KILL", Duration.ofSeconds(5));
    }

    @Override
    public String address() throws IOException {
        return "127.0.0.1:" + dir.port("kafka");
    }

    /** Whether a broker at {@code bootstrap} answers an admin's request for the cluster's nodes. */
    static boolean answers(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A KRaft cluster id: 16 random bytes, URL-safe base64 without padding, not starting with a dash. */
    private static String clusterId() {
        SecureRandom random = new SecureRandom();
        while (true) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    /** The broker's jars: {@value #LIB_PROPERTY}, else {@code kafka-broker/target/lib} above this code's jar. */
    static Path lib() throws IOException {
        String configured = System.getProperty(LIB_PROPERTY, System.getenv("DISTRI_PLACE_KAFKA_LIB"));
        if (configured != null) {
            return Path.of(configured);
        }
        Optional<Path> found = besideTheBuild();
        if (found.isPresent()) {
            return found.get();
        }
        throw new MissingPackage("Kafka's broker (the kafka-broker module's jars)",
            "mvn -B -q -DskipTests -pl kafka-broker package, in distri-place's source tree (the ./distri-place "
                + "launcher does it), or set -D" + LIB_PROPERTY + "=DIR");
    }

    private static Optional<Path> besideTheBuild() {
        try {
            Path here = Path.of(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = here; dir != null; dir = dir.getParent()) {
                Path lib = dir.resolve("kafka-broker").resolve("target").resolve("lib");
                if (Files.isDirectory(lib)) {
                    return Optional.of(lib);
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
