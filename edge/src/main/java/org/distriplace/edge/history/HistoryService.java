package org.distriplace.edge.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.distriplace.edge.EdgeSettings;
import org.distriplace.edge.LogReader;
import org.distriplace.edge.Placement;
import org.distriplace.edge.PlacementLog;
import org.distriplace.edge.sql.PgDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code distri-place history-service}: stores the placements log in PostgreSQL (seed 2's History Service). Each
 * poll's placements and the log position after them commit in one transaction, so a placement is stored exactly
 * once whatever fails (a replayed one conflicts on its identity and is skipped). While PostgreSQL is down it waits
 * and goes on from the last position stored; placements never wait for it. It snapshots the canvas every 30 s
 * ({@link Snapshots}).
 */
public final class HistoryService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryService.class);
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    private final EdgeSettings settings;
    private final PgDatabase database;
    private final Snapshots snapshots;
    private final Thread thread;
    private volatile boolean closed;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    public HistoryService(EdgeSettings settings, PgDatabase database) {
        this(settings, database, 30_000, 20_000);
    }

    /**
     * @param snapshotEveryMs how often a snapshot is taken
     * @param settleMs        how far in the past each shows the canvas, so placements on their way are in it
     */
    public HistoryService(EdgeSettings settings, PgDatabase database, long snapshotEveryMs, long settleMs) {
        this.settings = settings;
        this.database = database;
        this.snapshots = new Snapshots(database, settings.canvas(), new Snapshots.Policy(snapshotEveryMs, settleMs));
        this.thread = new Thread(this::run, "history-service");
    }

    public HistoryService start() throws InterruptedException {
        PlacementLog.ensureTopic(settings.kafka(), settings.topic());
        thread.start();
        return this;
    }

    private void run() {
        while (!closed) {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
                this.consumer = consumer;
                List<TopicPartition> partitions = LogReader.assign(consumer, settings.topic(), stored());
                while (!closed) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        store(records);
                    }
                    snapshots.maybeTake(positions(consumer, partitions));
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("the history is not being stored ({}); trying again from the last position stored",
                    e.getMessage());
                sleep();
            }
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        // Fewer, larger fetches (and so transactions): the history may lag a quarter of a second; players never wait
        // for it, and each small fetch costs the broker and PostgreSQL as much as a large one.
        return LogReader.consumer(settings.kafka(), Map.of(ConsumerConfig.CLIENT_ID_CONFIG, "history-"
            + settings.namespace(), ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024,
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 250));
    }

    /** Where PostgreSQL's history ends: the next log offset of each partition it holds any of. */
    private Map<Integer, Long> stored() throws SQLException {
        Map<Integer, Long> positions = new HashMap<>();
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(
                 "SELECT log_partition, next_offset FROM log_positions");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                positions.put(rows.getInt(1), rows.getLong(2));
            }
        }
        return positions;
    }

    /** Stores a poll's placements and the position after them, in one transaction. */
    private void store(ConsumerRecords<byte[], byte[]> records) throws SQLException {
        List<Placement> placements = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        Map<Integer, Long> next = new HashMap<>();
        long oldest = Long.MAX_VALUE;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            next.merge(record.partition(), record.offset() + 1, Math::max);
            Placement.decode(record.value()).ifPresent(placement -> {
                placements.add(placement);
                offsets.add(record.offset());
            });
        }
        for (Placement placement : placements) {
            oldest = Math.min(oldest, placement.stamp());
        }
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                long stored = EventRows.insert(connection, placements, offsets);
                if (stored > 0) {
                    try (PreparedStatement totals = connection.prepareStatement(
                        "UPDATE history_totals SET placements = placements + ?")) {
                        totals.setLong(1, stored);
                        totals.executeUpdate();
                    }
                }
                if (oldest != Long.MAX_VALUE) {
                    // A placement older than a snapshot arrived late: that snapshot (and later ones) lack it.
                    SnapshotRows.dropFrom(connection, oldest);
                }
                try (PreparedStatement position = connection.prepareStatement("INSERT INTO log_positions "
                    + "(log_partition, next_offset) VALUES (?, ?) ON CONFLICT (log_partition) DO UPDATE SET "
                    + "next_offset = excluded.next_offset")) {
                    for (Map.Entry<Integer, Long> entry : next.entrySet()) {
                        position.setInt(1, entry.getKey());
                        position.setLong(2, entry.getValue());
                        position.addBatch();
                    }
                    position.executeBatch();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                EventRows.forgetPartitions();
                throw e;
            }
        }
    }

    private static Map<Integer, Long> positions(KafkaConsumer<byte[], byte[]> consumer,
                                                List<TopicPartition> partitions) {
        Map<Integer, Long> positions = new HashMap<>();
        partitions.forEach(partition -> positions.put(partition.partition(), consumer.position(partition)));
        return positions;
    }

    private static void sleep() {
        try {
            Thread.sleep(BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        KafkaConsumer<byte[], byte[]> polling = consumer;
        if (polling != null) {
            polling.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
