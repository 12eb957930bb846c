package org.rollcall.recognition.enroll;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rollcall.events.kafka.KafkaConnection;
import org.rollcall.face.FaceEngine;
import org.rollcall.recognition.RecognitionConfig;
import org.rollcall.recognition.RecognitionNode;

/** Wires enrollment to an idempotent, acks=all producer of the templates topic. */
@ApplicationScoped
public class EnrollmentProducer {
    private KafkaProducer<String, byte[]> producer;

    @Produces
    @ApplicationScoped
    Enrollment enrollment(@Identifier("default-kafka-broker") Map<String, Object> kafkaSettings, FaceEngine engine,
            RecognitionConfig config, RecognitionNode node) {
        producer = new KafkaProducer<>(KafkaConnection.of(kafkaSettings).with(Map.<String, Object>of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.CLIENT_ID_CONFIG, "recognition-enrollment")),
                new StringSerializer(), new ByteArraySerializer());
        return new Enrollment(engine, config.enrollment(), producer, node.galleries());
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
