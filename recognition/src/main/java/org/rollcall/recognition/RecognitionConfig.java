package org.rollcall.recognition;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code rollcall.recognition.*}: how frames become identities. */
@ConfigMapping(prefix = "rollcall.recognition")
public interface RecognitionConfig {
    /** Frames analysed in parallel (and ONNX predictors per model); 0 = available cores. */
    @WithDefault("0")
    int workers();

    /** Frames polled but not yet finished before the consumer pauses (backpressure). */
    @WithDefault("32")
    int maxInFlight();

    /** A frame older than this when its turn comes is skipped (an overloaded instance catches up). */
    @WithDefault("2S")
    Duration maxFrameAge();

    /** Cosine similarity to name a person (open set: below it the face is unknown). */
    @WithDefault("0.42")
    float threshold();

    /** nearest (templates and centroids) or svm (Smile, still gated by the threshold). */
    @WithDefault("nearest")
    String matcher();

    /** Model directory; default ROLLCALL_MODEL_DIR or ~/.cache/rollcall/models. */
    Optional<String> modelDir();

    /**
     * Where the models run: cpu, cuda or cuda:N (env ROLLCALL_RECOGNITION_DEVICE). CUDA needs the
     * -Pgpu build; without a usable GPU the service warns once and runs on the CPU.
     */
    @WithDefault("cpu")
    String device();

    /**
     * A track's decision is published when first made, when it changes, and again after this long
     * while the track stays in view (so attendance sees who is still there): not per frame.
     */
    @WithDefault("5M")
    Duration decisionRefresh();

    /**
     * How long anything of a face nobody enrolled is kept: its visitor id (an embedding centroid in
     * memory, so repeated visits read "the same visitor") and its dashboard crop for "enroll as".
     * 0 (the default) keeps nothing: unknown faces get no visitor id and no picture leaves this
     * service. At most 1 day, the recent-faces topic's retention.
     */
    @WithDefault("0S")
    Duration unknownFaceRetention();

    /** Average each face with its mirror image when embedding. */
    @WithDefault("true")
    boolean flipAugmentation();

    Tracker tracker();

    Enrollment enrollment();

    EmbedBatch embedBatch();

    /**
     * Embedding several faces in one inference (faces of one frame and of other cameras waiting
     * at the same time). Off on a CPU, where one face at a time has the lowest latency; on a GPU
     * (the k8s gpu component) 16 faces with a 5 ms wait keep it busy.
     */
    interface EmbedBatch {
        /** Images per inference (a face with flip augmentation is two); 1 turns batching off (env ROLLCALL_RECOGNITION_EMBED_BATCH_SIZE). */
        @WithDefault("1")
        int size();

        /** How long the first face of a batch waits for more before the batch runs anyway. */
        @WithDefault("5ms")
        Duration maxWait();
    }

    interface Tracker {
        /** Overlap for a detection to continue a track. */
        @WithDefault("0.3")
        float minIou();

        /** A track unseen for this long ends. */
        @WithDefault("1500ms")
        Duration maxAge();

        /** Re-embed when quality beats the best embedded frame by this much. */
        @WithDefault("0.15")
        float qualityGain();

        /** Re-embed at least this often while a face stays in view. */
        @WithDefault("3S")
        Duration reembedInterval();
    }

    /** What an enrollment photo must satisfy. */
    interface Enrollment {
        /** Detector confidence of the enrolled face. */
        @WithDefault("0.9")
        float minScore();

        /** Pixels between the eyes. */
        @WithDefault("22")
        float minEyeDistance();

        /** Sharpness score in [0,1] (Laplacian variance of the aligned face). */
        @WithDefault("0.35")
        float minSharpness();

        /** Pose score in [0,1] (1 = frontal). */
        @WithDefault("0.35")
        float minPose();

        /** Live score; below it the photo is refused as a possible spoof. Negative turns the check off. */
        @WithDefault("0.5")
        float minLiveness();

        /** Another face at least this fraction of the main face's area makes the photo ambiguous. */
        @WithDefault("0.25")
        float otherFaceAreaRatio();
    }
}
