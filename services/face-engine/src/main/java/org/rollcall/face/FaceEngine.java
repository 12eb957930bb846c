package org.rollcall.face;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.rollcall.face.detect.Detection;
import org.rollcall.face.detect.FaceDetector;
import org.rollcall.face.detect.LandmarkModel;
import org.rollcall.face.detect.Landmarks;
import org.rollcall.face.embed.Embedder;
import org.rollcall.face.embed.FaceAligner;
import org.rollcall.face.image.DecodedImage;
import org.rollcall.face.image.ImageDecoder;
import org.rollcall.face.model.DeviceChoice;
import org.rollcall.face.model.DjlOffline;
import org.rollcall.face.model.ExecutionDevice;
import org.rollcall.face.model.ModelFiles;
import org.rollcall.face.model.OnnxModel;
import org.rollcall.face.quality.LivenessModel;
import org.rollcall.face.quality.Quality;
import org.rollcall.face.quality.QualityAssessor;

/**
 * The face pipeline: decode, detect, landmarks, 5-point similarity alignment, embed
 * (L2-normalised, optional flip augmentation), liveness, quality, with per-stage timings.
 * Thread-safe: models are loaded once and each keeps a pool of {@code workers} predictors.
 */
public final class FaceEngine implements AutoCloseable {
    static {
        DjlOffline.apply();
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FaceEngine.class);

    private final EngineConfig config;
    private final DeviceChoice device;
    private final ImageDecoder decoder;
    private final OnnxModel detectModel;
    private final OnnxModel landmarkModel;
    private final OnnxModel featureModel;
    private final OnnxModel livenessModel;
    private final FaceDetector detector;
    private final LandmarkModel landmarks;
    private final FaceAligner aligner = new FaceAligner();
    private final Embedder embedder;
    private final LivenessModel liveness;
    private final QualityAssessor qualityAssessor = new QualityAssessor();

    public FaceEngine(EngineConfig config) {
        this.config = config;
        ModelFiles files = ModelFiles.verify(config.modelDir());
        this.decoder = new ImageDecoder(config.limits());
        this.device = DeviceChoice.resolve(config.device());
        if (device.fellBack()) {
            LOG.warn("{} was requested but cannot be used here ({}); the face engine runs on the CPU", device.requested(),
                    device.fallbackReason());
        } else {
            LOG.info("face engine runs on {}", device.used());
        }
        int n = Math.max(1, config.workers());
        ExecutionDevice on = device.used();
        this.detectModel = new OnnxModel(files.path(ModelFiles.DETECT), n, config.intraOpThreads(), on);
        this.landmarkModel = new OnnxModel(files.path(ModelFiles.LANDMARK), n, config.intraOpThreads(), on);
        this.featureModel = new OnnxModel(files.path(ModelFiles.FEATURE), n, config.intraOpThreads(), on, config.batching().on());
        this.livenessModel = new OnnxModel(files.path(ModelFiles.LIVENESS), n, config.intraOpThreads(), on);
        this.detector = new FaceDetector(detectModel, config.minDetectionScore(), config.nmsIou());
        this.landmarks = new LandmarkModel(landmarkModel);
        this.embedder = new Embedder(featureModel, config.batching());
        if (config.batching().on()) {
            LOG.info("embeddings are batched: up to {} images per inference, waiting at most {} ms for company",
                    config.batching().maxSize(), config.batching().maxWait().toMillis());
        }
        this.liveness = new LivenessModel(livenessModel, config.livenessRgb());
    }

    public EngineConfig config() {
        return config;
    }

    /** The device asked for and the one the models run on (the CPU when a GPU cannot be used). */
    public DeviceChoice device() {
        return device;
    }

    public String modelId() {
        return ModelFiles.featureModelId() + (config.flipAugmentation() ? "+flip" : "");
    }

    /** What to compute for each face. */
    public record Options(boolean embeddings, boolean liveness) {
        public static final Options ALL = new Options(true, true);
        public static final Options DETECT_ONLY = new Options(false, false);
    }

    /** Decodes and analyses an encoded image. Throws InvalidImageException for bad input. */
    public FaceAnalysis analyze(byte[] encoded, Options options) {
        long t0 = System.nanoTime();
        try (DecodedImage image = decoder.decode(encoded)) {
            long decode = System.nanoTime() - t0;
            FaceAnalysis a = analyze(image, options);
            return new FaceAnalysis(a.imageWidth(), a.imageHeight(), a.faces(),
                    a.timings().plus(new StageTimings(decode, 0, 0, 0, 0, 0, 0)));
        }
    }

    public FaceAnalysis analyze(byte[] encoded) {
        return analyze(encoded, Options.ALL);
    }

    public DecodedImage decode(byte[] encoded) {
        return decoder.decode(encoded);
    }

    public FaceAnalysis analyze(DecodedImage image, Options options) {
        long t = System.nanoTime();
        List<Detection> detections = detector.detect(image.bgr());
        StageTimings timings = new StageTimings(0, System.nanoTime() - t, 0, 0, 0, 0, 0);
        List<Face> faces = new ArrayList<>(detections.size());
        for (int i = 0; i < detections.size(); i++) {
            Described d = describe(image, detections.get(i), i, options);
            faces.add(d.face());
            timings = timings.plus(d.timings());
        }
        return new FaceAnalysis(image.width(), image.height(), List.copyOf(faces), timings);
    }

    /** Only the detector: the cheap first step of the tracker path. */
    public List<Detection> detect(DecodedImage image) {
        return detector.detect(image.bgr());
    }

    /** A face with its timings. */
    public record Described(Face face, StageTimings timings) {
    }

    /** Landmarks, alignment, quality and, as asked, embedding and liveness for one detection. */
    public Described describe(DecodedImage image, Detection detection, int index, Options options) {
        Mat bgr = image.bgr();
        long t0 = System.nanoTime();
        Landmarks lm = landmarks.locate(bgr, detection.box());
        long t1 = System.nanoTime();
        float[] embedding = null;
        Quality quality;
        long tAlign;
        long tEmbed;
        long tQuality;
        try (Mat aligned = aligner.align(bgr, lm.fivePoints())) {
            long t2 = System.nanoTime();
            tAlign = t2 - t1;
            quality = qualityAssessor.assess(lm, aligned);
            long t3 = System.nanoTime();
            tQuality = t3 - t2;
            if (options.embeddings()) {
                embedding = embedder.embed(aligned, config.flipAugmentation());
            }
            tEmbed = System.nanoTime() - t3;
        }
        long t4 = System.nanoTime();
        Float live = options.liveness() ? liveness.score(bgr, detection.box()) : null;
        long tLive = System.nanoTime() - t4;
        return new Described(new Face(index, detection, lm, embedding, live, quality),
                new StageTimings(0, 0, t1 - t0, tAlign, tEmbed, tLive, tQuality));
    }

    /** Embeds an already described face (re-aligns from its landmarks): the tracker's second step. */
    public float[] embed(DecodedImage image, Face face) {
        return embed(image, List.of(face)).get(0);
    }

    /** Embeds several described faces of one image together (one batch when batching is on), in order. */
    public List<float[]> embed(DecodedImage image, List<Face> faces) {
        List<Mat> aligned = new ArrayList<>(faces.size());
        try {
            for (Face f : faces) {
                aligned.add(aligner.align(image.bgr(), f.landmarks().fivePoints()));
            }
            return embedder.embedAll(aligned, config.flipAugmentation());
        } finally {
            aligned.forEach(Mat::close);
        }
    }

    /** Embedding batches run and images embedded in them since start (0, 0 with batching off). */
    public long[] embeddingBatchStats() {
        return embedder.batchStats();
    }

    /**
     * Runs every model and the code around it on a synthetic image, once per worker: an ONNX
     * session's first run and the JVM's first pass through this path take seconds, longer than a
     * live frame may wait, so a service warms up before it takes frames. Returns how long it took.
     */
    public java.time.Duration warmUp() {
        long t0 = System.nanoTime();
        Detection centre = new Detection(new org.rollcall.face.detect.Box(220, 140, 420, 340), 1f);
        for (int i = 0; i < Math.max(2, config.workers()); i++) {
            try (DecodedImage image = new DecodedImage(new Mat(480, 640, org.bytedeco.opencv.global.opencv_core.CV_8UC3,
                    new org.bytedeco.opencv.opencv_core.Scalar(128, 128, 128, 0)))) {
                detect(image);
                Face face = describe(image, centre, 0, Options.ALL).face();
                embed(image, List.of(face));
            }
        }
        return java.time.Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Live score of a detected face (the tracker's path, once per embedding). */
    public float liveness(DecodedImage image, Detection detection) {
        return liveness.score(image.bgr(), detection.box());
    }

    @Override
    public void close() {
        embedder.close();
        detectModel.close();
        landmarkModel.close();
        featureModel.close();
        livenessModel.close();
    }
}
