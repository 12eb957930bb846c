package org.rollcall.recognition;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.FaceEngine;
import org.rollcall.recognition.frames.FrameConsumer;

/**
 * A second recognition instance in its own JVM, so that a test can kill it for real (SIGKILL):
 * no revocation callback, no offset commit, no leave-group. It reports on standard output what
 * the test asks about (ready, templates in its galleries, faces it embedded).
 */
final class SecondInstance implements AutoCloseable {
    private final Process process;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicLong templates = new AtomicLong(-1);
    private final AtomicLong embedded = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();

    private SecondInstance(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "second-instance-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the child with the broker's client settings (bootstrap and, on a SASL broker, credentials) as key=value arguments. */
    static SecondInstance start(java.util.Map<String, Object> kafkaSettings) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        java.io.File log = Path.of("target", "second-instance.log").toFile();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx768m", "-Dai.djl.offline=true",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        kafkaSettings.forEach((k, v) -> command.add(k + "=" + v));
        Process p = new ProcessBuilder(command).redirectError(log).start();
        return new SecondInstance(p);
    }

    private void read() {
        // the child's log goes to standard output too: kept beside its standard error for a failure's diagnosis
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                java.io.PrintWriter out = new java.io.PrintWriter(java.nio.file.Files.newBufferedWriter(
                        Path.of("target", "second-instance.out.log")), true)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.equals("ready")) {
                    ready.set(true);
                } else if (line.startsWith("templates ")) {
                    templates.set(Long.parseLong(line.substring(10)));
                } else if (line.startsWith("embedded ")) {
                    embedded.set(Long.parseLong(line.substring(9)));
                } else if (line.startsWith("stale ")) {
                    stale.set(Long.parseLong(line.substring(6)));
                } else {
                    out.println(line);
                }
            }
        } catch (Exception e) {
            // the process was killed: nothing more to read
        }
    }

    boolean ready() {
        if (!process.isAlive() && !ready.get()) {
            throw new AssertionError("the second instance exited with " + process.exitValue() + " (see target/second-instance.log)");
        }
        return ready.get();
    }

    int templates() {
        return (int) templates.get();
    }

    long embedded() {
        return embedded.get();
    }

    /** Frames the child skipped as older than its staleness limit. */
    long stale() {
        return stale.get();
    }

    /** SIGKILL, as the kernel's OOM killer or a lost node would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The child: a RecognitionNode configured as the service configures it, with its defaults. */
    public static final class Main {
        static java.util.Map<String, Object> settings(String[] args) {
            java.util.Map<String, Object> s = new java.util.HashMap<>();
            for (String a : args) {
                int eq = a.indexOf('=');
                s.put(a.substring(0, eq), a.substring(eq + 1));
            }
            return s;
        }

        public static void main(String[] args) throws Exception {
            // the mapping's defaults, read with Quarkus' duration syntax ("2S", "1500ms"), except the
            // staleness limit: this child starts cold beside the test's instance on a two-core CI
            // machine, where its first frames took longer than 2 s and were skipped, and the test is
            // about sharing and taking over partitions (staleness has tests of its own)
            SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(RecognitionConfig.class)
                    .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                    .withDefaultValue("rollcall.recognition.workers", "1")
                    .withDefaultValue("rollcall.recognition.max-frame-age", "30S").build();
            RecognitionConfig rc = config.getConfigMapping(RecognitionConfig.class);
            FaceEngine engine = new FaceEngine(EngineConfig.defaults().withWorkers(1));
            RecognitionNode node = new RecognitionNode(org.rollcall.events.kafka.KafkaConnection.of(settings(args)), FrameConsumer.GROUP, engine, rc, new SimpleMeterRegistry(), 1).start();
            boolean saidReady = false;
            long lastTemplates = -1;
            long lastEmbedded = -1;
            long lastStale = -1;
            while (true) {
                if (!saidReady && node.ready()) {
                    System.out.println("ready");
                    saidReady = true;
                }
                long t = node.galleries().all().values().stream().mapToLong(g -> g.size()).sum();
                if (t != lastTemplates) {
                    System.out.println("templates " + t);
                    lastTemplates = t;
                }
                long e = node.metrics().embeddedCount();
                if (e != lastEmbedded) {
                    System.out.println("embedded " + e);
                    lastEmbedded = e;
                }
                long st = (long) node.metrics().skippedCount("stale");
                if (st != lastStale) {
                    System.out.println("stale " + st);
                    lastStale = st;
                }
                System.out.flush();
                // a reporter's cadence, not a wait for a condition: the parent waits on what is printed
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }
}
