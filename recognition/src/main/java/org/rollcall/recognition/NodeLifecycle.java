package org.rollcall.recognition;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.rollcall.face.FaceEngine;
import org.rollcall.recognition.engine.EngineProducer;
import org.rollcall.recognition.frames.FrameConsumer;

/** Starts this service's recognition node with the application and reports its readiness. */
@ApplicationScoped
public class NodeLifecycle {
    private final RecognitionNode node;

    public NodeLifecycle(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, FaceEngine engine,
            RecognitionConfig config, MeterRegistry registry) {
        this.node = new RecognitionNode(bootstrap, FrameConsumer.GROUP, engine, config, registry, EngineProducer.workers(config));
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
        return () -> HealthCheckResponse.named("Galleries and cameras loaded").status(node.ready()).build();
    }

}
