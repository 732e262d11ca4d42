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

/** Reads the placements log from given offsets to its end as it is now (the canvas's rebuild). */
final class LogReader {

    private LogReader() {
    }

    /** Whether the log holds no record at all (a canvas never painted: nothing to wait for, nothing to read). */
    static boolean empty(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config(bootstrap),
            new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream().allMatch(end -> end == 0);
        }
    }

    private static Properties config(String bootstrap) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    /**
     * Hands every placement from {@code from} (offset per partition; the beginning where absent) to the log's
     * current end to {@code sink}; returns the end offsets reached.
     */
    static Map<TopicPartition, Long> readToEnd(String bootstrap, String topic, Map<Integer, Long> from,
                                               Consumer<Placement> sink) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config(bootstrap), new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            for (TopicPartition partition : partitions) {
                Long offset = from.get(partition.partition());
                if (offset == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, offset);
                }
            }
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
