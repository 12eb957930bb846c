package org.rollcall.recognition.engine;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.model.DeviceChoice;

/**
 * Says which device the models run on: in readiness (UP either way, with the device asked for,
 * the one in use and why they differ) and as {@code rollcall_engine_device{requested,used}} = 1;
 * with batching on, how many embedding batches ran and how full they were.
 */
@Readiness
@ApplicationScoped
public class EngineDevice implements HealthCheck {
    private final DeviceChoice device;

    public EngineDevice(FaceEngine engine, MeterRegistry registry) {
        this.device = engine.device();
        Gauge.builder("rollcall_engine_device", () -> 1)
                .tag("requested", device.requested().toString()).tag("used", device.used().toString())
                .description("the device the face models run on (1 for the one in use)").register(registry);
        FunctionCounter.builder("rollcall_embed_batches", engine, e -> e.embeddingBatchStats()[0])
                .description("inferences of the embedding model that ran batched (0 with batching off)").register(registry);
        FunctionCounter.builder("rollcall_embed_batch_images", engine, e -> e.embeddingBatchStats()[1])
                .description("images embedded in those batches (divided by the batches: the mean batch size)").register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        var b = HealthCheckResponse.named("Face engine device").up()
                .withData("requested", device.requested().toString()).withData("used", device.used().toString());
        if (device.fellBack()) {
            b.withData("fallback", device.fallbackReason());
        }
        return b.build();
    }
}
