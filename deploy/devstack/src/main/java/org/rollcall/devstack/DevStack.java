package org.rollcall.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded default for one laptop: {@code kafka} runs a real KRaft broker, {@code postgres}
 * an embedded PostgreSQL; {@code deploy/rollcall} starts one process of each so either can be
 * stopped and started on its own. For an edge site ({@code deploy/rollcall site up NAME},
 * ROLLCALL_SITE set) {@code kafka} runs the site's broker and {@code mirror} its MirrorMaker 2
 * link to the central broker ({@link SiteMirror}). Data lives under ROLLCALL_HOME (default {@code .rollcall}),
 * so a restart keeps users and attendance.
 */
public final class DevStack {
    private DevStack() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !List.of("kafka", "postgres", "all", "mirror").contains(args[0])) {
            System.err.println("usage: DevStack kafka|postgres|all|mirror");
            System.exit(2);
        }
        DevStackConfig config = DevStackConfig.fromEnvironment();
        List<AutoCloseable> running = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (int i = running.size() - 1; i >= 0; i--) {
                try {
                    running.get(i).close();
                } catch (Exception e) {
                    System.err.println("devstack: error while stopping: " + e);
                }
            }
            stopped.countDown();
        }, "devstack-shutdown"));

        String mode = args[0];
        try {
            String site = System.getenv("ROLLCALL_SITE");
            if (mode.equals("mirror")) {
                running.add(SiteMirror.start(site, required("ROLLCALL_SITE_KAFKA"), required("ROLLCALL_CENTRAL_KAFKA")));
            } else {
                if (!mode.equals("kafka")) {
                    running.add(EmbeddedDatabase.start(config));
                }
                if (!mode.equals("postgres")) {
                    // an edge site's broker is a cluster of its own
                    running.add(site == null || site.isBlank() ? EmbeddedBroker.start(config)
                            : EmbeddedBroker.start(config, SiteMirror.clusterId(site)));
                }
            }
        } catch (Exception e) {
            System.err.println("devstack: failed to start " + mode + ": " + e);
            e.printStackTrace();
            System.exit(1);
        }
        Path ready = config.home().resolve("run").resolve("devstack-" + mode + ".ready");
        Files.createDirectories(ready.getParent());
        Files.writeString(ready, Long.toString(ProcessHandle.current().pid()));
        ready.toFile().deleteOnExit();
        System.out.println("devstack " + mode + " ready");
        stopped.await();
    }

    private static String required(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return v;
    }
}
