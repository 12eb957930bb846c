package org.rollcall.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.rollcall.events.CameraDefinition;
import org.rollcall.events.EventCodec;
import org.rollcall.events.FrameHeaders;
import org.rollcall.events.LiveFaces;
import org.rollcall.events.Topics;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.FaceEngine;
import org.rollcall.face.detect.Detection;
import org.rollcall.face.fixtures.FixtureSet;
import org.rollcall.face.image.DecodedImage;
import org.rollcall.face.image.Jpeg;

/**
 * Publishes N cameras x F fps of real face frames (portraits cropped from the fixture photos, one
 * person per camera) to a running stack for D seconds and reports what recognition made of them:
 * frames with events, frames skipped as stale, and capture-to-event latency percentiles.
 */
final class RecognitionLoad {
    static final int RECOGNITION_PORT = 8082;

    private RecognitionLoad() {
    }

    static void run(Stack stack, String[] args) throws Exception {
        List<Integer> cameraCounts = List.of(4, 8, 16);
        double fps = 5;
        int seconds = 30;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--cameras" -> cameraCounts = java.util.Arrays.stream(args[i + 1].split(",")).map(Integer::parseInt).toList();
                case "--fps" -> fps = Double.parseDouble(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<byte[]> portraits = portraits();
        System.out.printf("Rollcall recognition load (%d cores here, %d portraits, %.1f fps per camera, %d s per row)%n%n",
                Runtime.getRuntime().availableProcessors(), portraits.size(), fps, seconds);
        System.out.println("cameras  offered/s  events/s  processed  stale  lost  p50 ms  p95 ms  p99 ms");
        for (int n : cameraCounts) {
            row(stack, portraits, n, fps, seconds);
        }
    }

    private static List<byte[]> portraits() throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (FaceEngine engine = new FaceEngine(EngineConfig.defaults().withWorkers(1))) {
            for (var sample : FixtureSet.samples()) {
                try (DecodedImage img = engine.decode(Files.readAllBytes(sample))) {
                    List<Detection> faces = engine.detect(img);
                    for (int i = 0; i < faces.size(); i++) {
                        try (Mat crop = FixtureSet.faceCrop(img, faces, i)) {
                            out.add(Jpeg.encode(crop, 90));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void row(Stack stack, List<byte[]> portraits, int cameras, double fps, int seconds) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String org = "load-" + run;
        EventCodec codec = new EventCodec();
        double staleBefore = Stack.metric(RECOGNITION_PORT, "rollcall_frames_skipped_total", "reason=\"stale\"");
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", stack.kafka(), "acks", "1",
                "linger.ms", 2), new StringSerializer(), new ByteArraySerializer());
             var reader = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka()),
                     new StringDeserializer(), new ByteArrayDeserializer())) {
            for (int c = 0; c < cameras; c++) {
                String id = org + "-cam" + c;
                producer.send(new ProducerRecord<>(Topics.CAMERAS, id, codec.encode(new CameraDefinition(1, id, org, "site-1",
                        "load " + c, CameraDefinition.Kind.BROWSER, null, fps, true, Instant.now()))));
            }
            producer.flush();
            // every analysed frame's faces come out on the live feed (identity events are per track decision)
            List<TopicPartition> parts = reader.partitionsFor(Topics.LIVE_FACES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            reader.assign(parts);
            reader.seekToEnd(parts);
            parts.forEach(reader::position);
            Thread.sleep(2000); // recognition follows the camera registry

            Map<String, Instant> sent = new java.util.concurrent.ConcurrentHashMap<>();
            Map<String, Long> latencyMs = new java.util.concurrent.ConcurrentHashMap<>();
            // the reader polls on its own thread, so the measured latency is not the sender's tick
            java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicLong lastEvent = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
            Thread readerThread = new Thread(() -> {
                while (reading.get()) {
                    if (collect(reader, codec, sent, latencyMs, Duration.ofMillis(50)) > 0) {
                        lastEvent.set(System.nanoTime());
                    }
                }
            });
            readerThread.start();
            long periodNanos = (long) (1e9 / fps);
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            long tick = start;
            int n = 0;
            while (System.nanoTime() < end) {
                for (int c = 0; c < cameras; c++) {
                    String cam = org + "-cam" + c;
                    String frameId = cam + "-" + n;
                    Instant at = Instant.now();
                    ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.FRAMES, cam, portraits.get(c % portraits.size()));
                    header(r, FrameHeaders.CAMERA, cam);
                    header(r, FrameHeaders.ORG, org);
                    header(r, FrameHeaders.SITE, "site-1");
                    header(r, FrameHeaders.FRAME_ID, frameId);
                    header(r, FrameHeaders.CAPTURED_AT, at.toString());
                    header(r, FrameHeaders.SOURCE, "file");
                    producer.send(r);
                    sent.put(frameId, at);
                }
                n++;
                tick += periodNanos;
                long sleep = tick - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            // drain: until nothing new arrives for 5 s
            while (System.nanoTime() - lastEvent.get() < 5_000_000_000L) {
                Thread.sleep(200);
            }
            reading.set(false);
            readerThread.join();
            double stale = Stack.metric(RECOGNITION_PORT, "rollcall_frames_skipped_total", "reason=\"stale\"") - staleBefore;
            List<Long> l = new ArrayList<>(latencyMs.values());
            Collections.sort(l);
            int processed = latencyMs.size();
            System.out.printf("%-7d  %-9.1f  %-8.1f  %-9d  %-5.0f  %-4.0f  %-6d  %-6d  %d%n", cameras, sent.size() / (double) seconds,
                    processed / (double) seconds, processed, stale, Math.max(0, sent.size() - processed - stale),
                    pct(l, 0.5), pct(l, 0.95), pct(l, 0.99));
        }
    }

    private static int collect(KafkaConsumer<String, byte[]> reader, EventCodec codec, Map<String, Instant> sent,
            Map<String, Long> latencyMs, Duration wait) {
        Instant now;
        var records = reader.poll(wait);
        for (var r : records) {
            now = Instant.now();
            LiveFaces e = codec.decode(r.value(), LiveFaces.class);
            Instant at = sent.get(e.frameId());
            if (at != null && !latencyMs.containsKey(e.frameId())) {
                latencyMs.put(e.frameId(), Duration.between(at, now).toMillis());
            }
        }
        return records.count();
    }

    private static void header(ProducerRecord<String, byte[]> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size())));
    }
}
