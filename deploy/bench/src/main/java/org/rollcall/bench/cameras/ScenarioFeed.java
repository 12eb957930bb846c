package org.rollcall.bench.cameras;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The chaos and outage runs' cameras: each shows at each moment what the {@link Scenario} says,
 * so a camera that frame-ingest reconnects to (after a kill) shows the scenario's present, like a
 * real camera. Until {@link #start} every camera shows the empty scene.
 */
final class ScenarioFeed implements CameraFeed {
    private final Scenario scenario;
    private final Scenes scenes;
    private volatile Instant start;

    ScenarioFeed(Scenario scenario, Scenes scenes) {
        this.scenario = scenario;
        this.scenes = scenes;
    }

    void start(Instant at) {
        start = at;
    }

    @Override
    public byte[] frame(int camera, long n) {
        Instant s = start;
        Scenario.Visit v = s == null ? null : scenario.showing(camera, Duration.between(s, Instant.now()));
        List<byte[]> loop = v == null ? scenes.empty : scenes.frames.get(v.person().portrait());
        return loop.get((int) (n % loop.size()));
    }
}
