package org.distriplace.edge;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reading the placements log: a consumer positioned at given offsets (the history service's, kept in PostgreSQL;
 * a rebuild's, from a snapshot), and reading to the log's end as it is now (the canvas's rebuild). Offsets are the
 * reader's own: no consumer group commits them.
 */
public final class LogReader {

    private LogReader() {
    }

    /** Whether the log holds no record at all (a canvas never painted: nothing to wait for, nothing to read). */
    static boolean empty(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, Map.of())) {
            return consumer.endOffsets(partitions(consumer, topic), Duration.ofSeconds(10)).values().stream()
                .allMatch(end -> end == 0);
        }
    }

    /** A consumer of the log at {@code bootstrap} that commits nothing, with {@code settings} added. */
    public static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, Map<String, Object> settings) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.putAll(settings);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Assigns {@code consumer} every partition of {@code topic}, each at its offset in {@code from} (the beginning
     * where absent); returns the partitions.
     */
    public static List<TopicPartition> assign(KafkaConsumer<byte[], byte[]> consumer, String topic,
                                              Map<Integer, Long> from) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        for (TopicPartition partition : partitions) {
            Long offset = from.get(partition.partition());
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset);
            }
        }
        return partitions;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
            .map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    /**
     * Hands every placement from {@code from} (offset per partition; the beginning where absent) to the log's
     * current end to {@code sink}; returns the end offsets reached.
     */
    static Map<TopicPartition, Long> readToEnd(String bootstrap, String topic, Map<Integer, Long> from,
                                               Consumer<Placement> sink) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, Map.of())) {
            List<TopicPartition> partitions = assign(consumer, topic, from);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Placement.decode(record.value()).ifPresent(sink);
                }
            }
            return end;
        }
    }
}
