package org.rollcall.ingest.camera;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.rollcall.events.CameraSourcePolicy;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jboss.logging.Logger;
import org.rollcall.events.CameraDefinition;
import org.rollcall.ingest.IngestConfig;
import org.rollcall.ingest.publish.FramePublisher;
import org.rollcall.ingest.publish.JpegEncoder;

/**
 * Reads one pull camera (RTSP, HTTP MJPEG, USB/V4L2 or a video file) with FFmpeg on its own
 * thread, samples it at the camera's rate whatever its native rate, and publishes JPEGs. Any
 * failure reconnects with exponential backoff and jitter. Frames never touch the disk.
 */
final class CameraWorker implements Runnable {
    private static final Logger LOG = Logger.getLogger(CameraWorker.class);

    final CameraDefinition camera;
    private final IngestConfig config;
    private final FramePublisher publisher;
    private final JpegEncoder encoder;
    private volatile boolean running = true;
    private volatile CameraState state = CameraState.CONNECTING;
    private volatile String lastError;
    private volatile Instant lastFrameAt;
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private Thread thread;

    /** The address with its credentials opened: asked for at each connection, kept nowhere else. */
    private final java.util.function.Supplier<String> source;

    CameraWorker(CameraDefinition camera, java.util.function.Supplier<String> source, IngestConfig config, FramePublisher publisher,
            JpegEncoder encoder) {
        this.camera = camera;
        this.source = source;
        this.config = config;
        this.publisher = publisher;
        this.encoder = encoder;
    }

    void start() {
        thread = new Thread(this, "camera-" + camera.cameraId());
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                // a blocked read returns within the stream timeout
                thread.join(config.streamTimeout().toMillis() + 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        state = CameraState.STOPPED;
    }

    /** FFmpeg names the address it could not open: never with its credentials in a log or the status API. */
    private String redacted(String message) {
        if (message == null || camera.url() == null) {
            return message;
        }
        String out = message;
        try {
            out = out.replace(source.get(), camera.url());
        } catch (RuntimeException e) {
            // the credentials could not be opened: the message cannot contain them
        }
        var userInfo = org.rollcall.events.CameraCredentials.split(out);
        return userInfo.userInfo() == null ? out : out.replace(userInfo.userInfo() + "@", "");
    }

    /** False when the worker thread ended although nobody stopped it: readiness says so. */
    boolean alive() {
        return !running || thread == null || thread.isAlive();
    }

    CameraStatus status() {
        return new CameraStatus(camera.cameraId(), camera.orgId(), camera.siteId(), camera.name(), camera.kind().name(), state,
                lastError, lastFrameAt, reconnects.get(), published.get(), dropped.get());
    }

    @Override
    public void run() {
        long backoff = config.backoffInitial().toMillis();
        int failures = 0;
        while (running) {
            long publishedBefore = published.get();
            try {
                stream();
                backoff = config.backoffInitial().toMillis();
                failures = 0;
            } catch (Exception | OutOfMemoryError e) {
                // an OutOfMemoryError here is this camera's (a huge frame): the worker retries like
                // after any failure instead of dying while its status says FAILED for good
                if (!running) {
                    break;
                }
                if (published.get() > publishedBefore) {
                    // the connection was good until now: a blip, not a camera that keeps failing
                    backoff = config.backoffInitial().toMillis();
                    failures = 0;
                }
                failures++;
                lastError = e.getClass().getSimpleName() + ": " + redacted(e.getMessage());
                LOG.warnf("camera %s: %s (retry %d)", camera.cameraId(), lastError, failures);
            }
            if (!running) {
                break;
            }
            state = failures >= config.failedAfter() ? CameraState.FAILED : CameraState.RECONNECTING;
            reconnects.incrementAndGet();
            long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
            sleep(jittered);
            backoff = Math.min(backoff * 2, config.backoffMax().toMillis());
        }
    }

    /** One connection: returns when the stream ends, throws when it fails. */
    private void stream() throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        long timeoutMicros = config.streamTimeout().toMillis() * 1000;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(source.get());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            switch (camera.kind()) {
                case RTSP -> {
                    g.setOption("rtsp_transport", "tcp");
                    g.setOption("timeout", Long.toString(timeoutMicros));
                }
                case HTTP -> g.setOption("rw_timeout", Long.toString(timeoutMicros));
                case USB -> g.setFormat("video4linux2");
                default -> { }
            }
            String protocols = CameraSourcePolicy.protocols(camera.kind());
            if (!protocols.isEmpty()) {
                // FFmpeg opens only this kind's protocols: no file:, concat: or data: smuggled into a stream
                g.setOption("protocol_whitelist", protocols);
            }
            g.start();
            state = CameraState.CONNECTED;
            lastError = null;
            FrameSampler sampler = new FrameSampler(camera.fps());
            int jpegStream = passThroughStream(g);
            if (jpegStream >= 0) {
                streamJpegs(g, jpegStream, sampler);
            } else {
                streamImages(g, converter, sampler);
            }
        }
    }

    /**
     * The video stream whose packets are whole JPEGs (an MJPEG camera over HTTP or RTSP), or -1:
     * those are published as they come, with no decoding here. Files keep the decoding path (they
     * are paced by their timestamps), and so do USB cameras (their MJPEG may leave out the
     * Huffman tables, which a standalone JPEG must carry).
     */
    private int passThroughStream(FFmpegFrameGrabber g) {
        boolean network = camera.kind() == CameraDefinition.Kind.HTTP || camera.kind() == CameraDefinition.Kind.RTSP;
        if (!config.jpegPassThrough() || !network || g.getVideoCodec() != avcodec.AV_CODEC_ID_MJPEG) {
            return -1;
        }
        var streams = g.getFormatContext();
        for (int i = 0; i < streams.nb_streams(); i++) {
            if (streams.streams(i).codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                return i;
            }
        }
        return -1;
    }

    private void streamJpegs(FFmpegFrameGrabber g, int videoStream, FrameSampler sampler) throws Exception {
        while (running) {
            AVPacket packet = g.grabPacket();
            if (packet == null) {
                throw new IllegalStateException("the stream ended");
            }
            try {
                if (packet.stream_index() != videoStream || packet.size() <= 0 || !sampler.due(System.currentTimeMillis())) {
                    continue;
                }
                Instant grabbedAt = Instant.now();
                byte[] data = new byte[packet.size()];
                packet.data().get(data);
                byte[] jpeg = encoder.passThrough(data);
                if (jpeg == null) {
                    // one broken frame of a stream is dropped; the stream goes on
                    dropped.incrementAndGet();
                    continue;
                }
                publish(jpeg, grabbedAt);
            } finally {
                avcodec.av_packet_unref(packet);
            }
        }
    }

    private void streamImages(FFmpegFrameGrabber g, OpenCVFrameConverter.ToMat converter, FrameSampler sampler) throws Exception {
        long fileStartWall = System.nanoTime();
        while (running) {
            Frame f = g.grabImage();
            if (f == null) {
                if (camera.kind() == CameraDefinition.Kind.FILE) {
                    // a file plays in a loop, as a camera would keep streaming
                    g.setTimestamp(0);
                    fileStartWall = System.nanoTime();
                    continue;
                }
                throw new IllegalStateException("the stream ended");
            }
            if (camera.kind() == CameraDefinition.Kind.FILE) {
                // play at the file's own pace, not as fast as it decodes
                long due = fileStartWall + f.timestamp * 1000 - System.nanoTime();
                if (due > 0) {
                    sleep(due / 1_000_000);
                }
            }
            if (!sampler.due(System.currentTimeMillis())) {
                continue;
            }
            Instant grabbedAt = Instant.now();
            Mat mat = converter.convert(f);
            if (mat == null || mat.empty()) {
                continue;
            }
            publish(encoder.encode(mat), grabbedAt);
        }
    }

    private void publish(byte[] jpeg, Instant grabbedAt) {
        lastFrameAt = grabbedAt;
        if (publisher.publish(camera, jpeg, grabbedAt, camera.kind().name().toLowerCase(java.util.Locale.ROOT), dropped::incrementAndGet)) {
            published.incrementAndGet();
        }
        publisher.grabbed(camera.cameraId());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(Math.max(0, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
