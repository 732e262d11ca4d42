package org.distriplace.edge;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The durable log of every placement (Kafka): an idempotent producer that waits for every in-sync replica
 * ({@code acks=all}), so a placement acknowledged to its player survives Redis losing everything. While the broker
 * does not answer, placements are refused at once rather than each waiting out a timeout: one probe a second goes
 * through, and the first that succeeds opens the way again. Thread-safe.
 */
public final class PlacementLog implements AutoCloseable {

    /** A placement not acknowledged by the log within this long has failed (the producer gives up on it). */
    static final int DELIVERY_TIMEOUT_MS = 6_000;

    /** While the log fails, one placement per this many milliseconds is let through to find out if it is back. */
    static final long PROBE_EVERY_MS = 1_000;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final LongSupplier clock;
    private volatile long failingSinceMs;
    private volatile String lastFailure = "";
    private volatile long lastProbeMs;

    public PlacementLog(String bootstrap, String topic, String clientId, LongSupplier clock) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // A few milliseconds of batching: the broker's cost is per request more than per record.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.clock = clock;
    }

    /**
     * Creates the placements topic if it is missing: one partition (seed 2's global order; last-write-wins needs
     * only stamps), every record kept (the canvas is rebuilt from it), replicated on up to three brokers.
     */
    public static void ensureTopic(String bootstrap, String topic) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            int brokers = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
            short replicas = (short) Math.min(3, Math.max(1, brokers));
            NewTopic placements = new NewTopic(topic, 1, replicas).configs(Map.of("retention.ms", "-1",
                "min.insync.replicas", Integer.toString(Math.max(1, replicas - 1))));
            admin.createTopics(List.of(placements)).all().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create the Kafka topic " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " did not answer within 10 s", e);
        }
    }

    /** Whether a placement should be refused now without trying: the log failed and it is not time to probe. */
    public boolean refusing() {
        if (failingSinceMs == 0) {
            return false;
        }
        long now = clock.getAsLong();
        synchronized (this) {
            if (now - lastProbeMs >= PROBE_EVERY_MS) {
                lastProbeMs = now;
                return false;
            }
        }
        return true;
    }

    /** Why the log is failing, or empty while it is not. */
    public String failure() {
        return failingSinceMs == 0 ? "" : lastFailure;
    }

    /** Appends {@code placement}; completes once every in-sync replica has it, or fails. */
    public CompletableFuture<Void> append(Placement placement) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, Integer.toString(placement.band())
                .getBytes(StandardCharsets.UTF_8), placement.encode()), (metadata, failure) -> {
                    if (failure == null) {
                        failingSinceMs = 0;
                        done.complete(null);
                    } else {
                        failed(failure);
                        done.completeExceptionally(failure);
                    }
                });
        } catch (RuntimeException e) {
            failed(e);
            done.completeExceptionally(e);
        }
        return done;
    }

    private void failed(Throwable failure) {
        lastFailure = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (failingSinceMs == 0) {
            failingSinceMs = Math.max(1, clock.getAsLong());
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
