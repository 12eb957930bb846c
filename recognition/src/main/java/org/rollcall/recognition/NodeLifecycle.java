package org.rollcall.recognition;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.rollcall.events.kafka.KafkaConnection;
import org.rollcall.face.FaceEngine;
import org.rollcall.recognition.engine.EngineProducer;
import org.rollcall.recognition.frames.FrameConsumer;

/** Starts this service's recognition node with the application and reports its readiness. */
@ApplicationScoped
public class NodeLifecycle {
    private final RecognitionNode node;

    public NodeLifecycle(@Identifier("default-kafka-broker") Map<String, Object> kafkaSettings, FaceEngine engine,
            RecognitionConfig config, MeterRegistry registry) {
        this.node = new RecognitionNode(KafkaConnection.of(kafkaSettings), FrameConsumer.GROUP, engine, config, registry, EngineProducer.workers(config));
    }

    void start(@Observes StartupEvent ev) {
        node.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        node.close();
    }

    @Produces
    @Singleton
    RecognitionNode node() {
        return node;
    }

    @Produces
    @Readiness
    @Singleton
    HealthCheck galleryLoaded() {
        return () -> {
            String why = node.notReady();
            return HealthCheckResponse.named("Galleries and cameras loaded, frames analysed").status(why == null)
                    .withData("reason", why == null ? "ready" : why).build();
        };
    }

}
