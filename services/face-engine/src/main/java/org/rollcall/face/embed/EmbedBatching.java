package org.rollcall.face.embed;

import java.time.Duration;

/**
 * How embeddings are batched. {@code maxSize} 1 is off: each face (and its mirror) runs alone as
 * soon as it is ready, the lowest latency on a CPU. Above 1, faces waiting at the same time (from
 * several cameras or one frame) share one inference of at most {@code maxSize} images, and the
 * first one waits at most {@code maxWait} for company: what keeps a GPU busy.
 */
public record EmbedBatching(int maxSize, Duration maxWait) {
    public static final EmbedBatching OFF = new EmbedBatching(1, Duration.ZERO);

    public EmbedBatching {
        if (maxSize < 1) {
            throw new IllegalArgumentException("embedding batch size must be at least 1, was " + maxSize);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("embedding batch wait must not be negative, was " + maxWait);
        }
    }

    public boolean on() {
        return maxSize > 1;
    }
}
