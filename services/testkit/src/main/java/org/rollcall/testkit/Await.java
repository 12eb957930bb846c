package org.rollcall.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for something asynchronous (a record, an event, a state) in a test, with a clear failure. */
public final class Await {
    private Await() {
    }

    /** Polls every 100 ms; fails with "not within TIMEOUT: WHAT". */
    public static void until(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(100);
        }
    }
}
