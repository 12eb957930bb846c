package org.rollcall.devstack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.connect.mirror.MirrorMaker;
import org.rollcall.events.SiteReplication;

/**
 * An edge site's link to the central cluster: MirrorMaker 2 in dedicated mode (the Kafka
 * distribution's {@code connect-mirror-maker}), run at the site, since a site behind NAT can reach
 * the centre and not the other way round. Two flows: the site's decisions up
 * ({@link SiteReplication#UP}), the organization's gallery, cameras and erasures down
 * ({@link SiteReplication#DOWN}), topic names kept. While the WAN is down the site's broker holds
 * its events (identity events are kept 7 days) and the mirror resumes from its last committed
 * position when the link returns: at least once, with the events' own ids and capture times, which
 * attendance applies exactly once.
 */
public final class SiteMirror implements AutoCloseable {
    static final String CENTRAL = "central";

    private final MirrorMaker mirror;

    private SiteMirror(MirrorMaker mirror) {
        this.mirror = mirror;
    }

    public static SiteMirror start(String site, String siteBootstrap, String centralBootstrap) {
        MirrorMaker mm = new MirrorMaker(settings(site, siteBootstrap, centralBootstrap));
        mm.start();
        return new SiteMirror(mm);
    }

    /** The MirrorMaker 2 configuration (the same settings the Kubernetes edge overlay gives Strimzi). */
    public static Map<String, String> settings(String site, String siteBootstrap, String centralBootstrap) {
        if (!SiteReplication.isUsableSiteName(site)) {
            throw new IllegalArgumentException("not a usable site name (lower-case letters, digits, dashes; not 'central'): " + site);
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("clusters", CENTRAL + ", " + site);
        p.put(CENTRAL + ".bootstrap.servers", centralBootstrap);
        p.put(site + ".bootstrap.servers", siteBootstrap);
        // names kept: recognition and attendance read the same topics at the site and in the centre
        p.put("replication.policy.class", "org.apache.kafka.connect.mirror.IdentityReplicationPolicy");
        p.put(site + "->" + CENTRAL + ".enabled", "true");
        p.put(site + "->" + CENTRAL + ".topics", SiteReplication.topicsSetting(SiteReplication.UP));
        p.put(CENTRAL + "->" + site + ".enabled", "true");
        p.put(CENTRAL + "->" + site + ".topics", SiteReplication.topicsSetting(SiteReplication.DOWN));
        // only the records cross the WAN: no heartbeats, checkpoints, offset syncs, config or ACL sync
        // (both sides create their topics from TopicSpec; consumer groups do not move between sites)
        p.put("emit.heartbeats.enabled", "false");
        p.put("emit.checkpoints.enabled", "false");
        p.put("emit.offset-syncs.enabled", "false");
        p.put("sync.group.offsets.enabled", "false");
        p.put("sync.topic.configs.enabled", "false");
        p.put("sync.topic.acls.enabled", "false");
        p.put("refresh.groups.enabled", "false");
        p.put("refresh.topics.interval.seconds", "30");
        p.put("tasks.max", "1");
        for (String cluster : List.of(CENTRAL, site)) {
            // Connect worker settings of the flow into this cluster (MirrorMaker takes them per target cluster)
            worker(p, cluster);
        }
        // one node per side here (Kubernetes sets 3 in the centre)
        for (String s : List.of("replication.factor", "config.storage.replication.factor",
                "offset.storage.replication.factor", "status.storage.replication.factor",
                "heartbeats.topic.replication.factor", "checkpoints.topic.replication.factor")) {
            p.put(s, "1");
        }
        return p;
    }

    /** The Connect worker settings of the flow whose target is {@code cluster}. */
    private static void worker(Map<String, String> p, String cluster) {
        String c = cluster + ".";
        // the position is saved every 5 s: after a restart or a cut at most 5 s of events are sent again (same ids)
        p.put(c + "offset.flush.interval.ms", "5000");
        // a cut WAN lasts as long as it lasts: a record is never given up (the default gives up after
        // 2 min and fails the task), retries keep per-partition order and add no duplicates
        p.put(c + "producer.delivery.timeout.ms", Integer.toString(Integer.MAX_VALUE));
        p.put(c + "producer.enable.idempotence", "true");
        p.put(c + "producer.acks", "all");
        p.put(c + "producer.compression.type", "zstd");
        // the site->central flow's Connect group lives in the centre: a cut WAN drops this worker from
        // its group; when it rejoins, Connect would hold its "lost" task back for 5 minutes (waiting
        // for a worker that will not come: it is this one); one worker per flow, so reassign at once
        p.put(c + "scheduled.rebalance.max.delay.ms", "0");
    }

    /** A site broker's KRaft cluster id, stable per site name (Kafka wants a base64 UUID). */
    static String clusterId(String site) {
        java.util.UUID u = java.util.UUID.nameUUIDFromBytes(("rollcall-site:" + site).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Uuid(u.getMostSignificantBits(), u.getLeastSignificantBits()).toString();
    }

    @Override
    public void close() {
        mirror.stop();
        mirror.awaitStop();
    }
}
