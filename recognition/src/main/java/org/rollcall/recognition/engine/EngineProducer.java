package org.rollcall.recognition.engine;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.embed.EmbedBatching;
import org.rollcall.face.model.ExecutionDevice;
import org.rollcall.recognition.RecognitionConfig;

/** One face engine per process: models are verified and loaded once, with a predictor per worker. */
@ApplicationScoped
public class EngineProducer {
    private FaceEngine engine;

    @Produces
    @ApplicationScoped
    FaceEngine engine(RecognitionConfig config) {
        EngineConfig c = EngineConfig.defaults().withWorkers(workers(config)).withFlipAugmentation(config.flipAugmentation())
                .withDevice(ExecutionDevice.parse(config.device()))
                .withBatching(new EmbedBatching(config.embedBatch().size(), config.embedBatch().maxWait()));
        if (config.modelDir().isPresent()) {
            c = c.withModelDir(Path.of(config.modelDir().get()));
        }
        engine = new FaceEngine(c);
        return engine;
    }

    public static int workers(RecognitionConfig config) {
        return config.workers() > 0 ? config.workers() : Runtime.getRuntime().availableProcessors();
    }

    @PreDestroy
    void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
