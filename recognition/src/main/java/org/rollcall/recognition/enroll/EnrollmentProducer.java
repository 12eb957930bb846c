package org.rollcall.recognition.enroll;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.rollcall.face.FaceEngine;
import org.rollcall.recognition.RecognitionConfig;
import org.rollcall.recognition.RecognitionNode;

/**
 * Wires enrollment to the templates topic through the SmallRye channel {@code face-templates}
 * (idempotent, acks=all; see application.properties): a template or tombstone exists once the
 * broker acknowledged it.
 */
@ApplicationScoped
public class EnrollmentProducer {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    @Produces
    @ApplicationScoped
    Enrollment enrollment(@Channel("face-templates") MutinyEmitter<Record<String, byte[]>> templates, FaceEngine engine,
            RecognitionConfig config, RecognitionNode node) {
        return new Enrollment(engine, config.enrollment(),
                (key, value) -> templates.send(Record.of(key, value)).await().atMost(ACK_TIMEOUT), node.galleries());
    }
}
