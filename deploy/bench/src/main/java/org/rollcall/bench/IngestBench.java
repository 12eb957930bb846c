package org.rollcall.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rollcall.events.CameraDefinition;
import org.rollcall.events.EventCodec;
import org.rollcall.events.Topics;
import org.rollcall.face.fixtures.FixtureSet;
import org.rollcall.testkit.Ffmpeg;

/**
 * Frame-ingest throughput: registers N video-file cameras at F fps (a 640x480 clip made with
 * ffmpeg from a fixture photo), counts the frames that reach the frames topic over a window, and
 * samples the ingest process's CPU and resident memory from /proc. Run with only devstack and
 * frame-ingest up (ROLLCALL_SERVICES=frame-ingest), so recognition does not share the cores.
 */
final class IngestBench {
    private IngestBench() {
    }

    static void run(Stack stack, String[] args) throws Exception {
        List<Integer> counts = List.of(1, 8, 32);
        double fps = 5;
        int seconds = 20;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--cameras" -> counts = java.util.Arrays.stream(args[i + 1].split(",")).map(Integer::parseInt).toList();
                case "--fps" -> fps = Double.parseDouble(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long pid = Long.parseLong(Files.readString(Path.of(System.getenv().getOrDefault("ROLLCALL_HOME", ".rollcall"),
                "run", "frame-ingest.pid")).trim());
        Path clip = clip();
        System.out.printf("Rollcall frame-ingest bench (%d cores, 640x480 file cameras, %.1f fps each, %d s per row)%n%n",
                Runtime.getRuntime().availableProcessors(), fps, seconds);
        System.out.println("cameras  expected/s  published/s  ratio  cpu (cores)  rss MB");
        for (int n : counts) {
            row(stack, clip, pid, n, fps, seconds);
        }
    }

    private static Path clip() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getenv().getOrDefault("ROLLCALL_HOME", ".rollcall"), "videos"));
        Path clip = dir.resolve("clip-640x480.mp4").toAbsolutePath();
        if (!Files.exists(clip)) {
            Process p = Ffmpeg.process("-y", "-loglevel", "error", "-loop", "1", "-i",
                    FixtureSet.samples().get(0).toString(), "-t", "10", "-r", "25",
                    "-vf", "scale=640:480,drawbox=x='mod(t*120,600)':y=10:w=40:h=40:color=red@0.8:t=fill,format=yuv420p",
                    "-c:v", "mpeg4", "-q:v", "4", clip.toString()).inheritIO().start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg could not make the bench clip");
            }
        }
        return clip;
    }

    private static void row(Stack stack, Path clip, long pid, int n, double fps, int seconds) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        EventCodec codec = new EventCodec();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", stack.kafka()),
                new StringSerializer(), new ByteArraySerializer());
             var reader = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka(),
                     ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = reader.partitionsFor(Topics.FRAMES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            reader.assign(parts);
            reader.seekToEnd(parts);
            parts.forEach(reader::position);
            for (int c = 0; c < n; c++) {
                String id = "ingest-" + run + "-" + c;
                producer.send(new ProducerRecord<>(Topics.CAMERAS, id, codec.encode(new CameraDefinition(1, id, "bench-ingest",
                        "site-1", "bench " + c, CameraDefinition.Kind.FILE, clip.toString(), fps, true, Instant.now()))));
            }
            producer.flush();
            // warm-up: every camera connected and streaming
            long warm = System.nanoTime() + 8_000_000_000L;
            while (System.nanoTime() < warm) {
                reader.poll(Duration.ofMillis(200));
            }
            long cpu0 = cpuTicks(pid);
            long t0 = System.nanoTime();
            long frames = 0;
            long rssMax = 0;
            while (System.nanoTime() - t0 < seconds * 1_000_000_000L) {
                for (var r : reader.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && r.key().startsWith("ingest-" + run)) {
                        frames++;
                    }
                }
                rssMax = Math.max(rssMax, rssKb(pid));
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double cores = (cpuTicks(pid) - cpu0) / 100.0 / elapsed;
            double expected = n * fps;
            System.out.printf("%-7d  %-10.1f  %-11.1f  %-5.2f  %-11.2f  %d%n", n, expected, frames / elapsed,
                    frames / elapsed / expected, cores, rssMax / 1024);
            for (int c = 0; c < n; c++) {
                producer.send(new ProducerRecord<>(Topics.CAMERAS, "ingest-" + run + "-" + c, null));
            }
            producer.flush();
            Thread.sleep(3000);
        }
    }

    /** utime + stime of a process, in clock ticks (USER_HZ = 100 on Linux). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }
}
