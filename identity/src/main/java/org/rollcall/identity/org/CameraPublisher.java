package org.rollcall.identity.org;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rollcall.events.CameraDefinition;
import org.rollcall.events.EventCodec;
import org.rollcall.events.Topics;
import org.rollcall.events.kafka.KafkaConnection;
import org.rollcall.identity.ServiceUnavailable;

/** Publishes camera definitions (and tombstones) to the compacted rollcall.cameras.v1, waiting for the ack. */
@ApplicationScoped
public class CameraPublisher {
    private final KafkaProducer<String, byte[]> producer;
    private final EventCodec codec = new EventCodec();

    public CameraPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaSettings) {
        this.producer = new KafkaProducer<>(KafkaConnection.of(kafkaSettings).with(Map.<String, Object>of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                ProducerConfig.CLIENT_ID_CONFIG, "identity-cameras")),
                new StringSerializer(), new ByteArraySerializer());
    }

    public void publish(CameraDefinition c) {
        send(c.cameraId(), codec.encode(c));
    }

    public void remove(String cameraId) {
        send(cameraId, null);
    }

    private void send(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.CAMERAS, key, value)).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (Exception e) {
            throw new ServiceUnavailable("the camera registry is unavailable; nothing was changed, try again");
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(3));
    }
}
