package org.rollcall.face.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Gathers the model inputs of concurrent callers into batches of at most {@code maxSize},
 * waiting at most {@code maxWait} after the first for more, and runs them on one thread: on a GPU
 * a steady stream of large batches is what pays, and inputs that arrive while a batch runs form
 * the next one. A caller's inputs come back in its order; a failed batch fails each of its callers.
 */
public final class EmbeddingBatcher implements AutoCloseable {
    /** Runs one batch: one output row per input, in order. */
    @FunctionalInterface
    public interface BatchRunner {
        List<float[]> run(List<float[]> inputs);
    }

    private record Pending(List<float[]> inputs, CompletableFuture<List<float[]>> result) {
    }

    private final BatchRunner runner;
    private final EmbedBatching batching;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private final LongAdder batches = new LongAdder();
    private final LongAdder inputs = new LongAdder();
    private volatile boolean closed;

    public EmbeddingBatcher(BatchRunner runner, EmbedBatching batching) {
        this.runner = runner;
        this.batching = batching;
        this.worker = new Thread(this::loop, "embedding-batcher");
        worker.setDaemon(true);
        worker.start();
    }

    /** Blocks until the rows of {@code in} are computed, in one or more shared batches. */
    public List<float[]> run(List<float[]> in) {
        if (in.isEmpty()) {
            return List.of();
        }
        Pending p = new Pending(List.copyOf(in), new CompletableFuture<>());
        queue.add(p);
        if (closed) {
            // closed between the check and the add: nobody will take it
            failAll(new IllegalStateException("the face engine is closed"));
        }
        try {
            return p.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an embedding batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Callers waiting for the next batch (not counting the one running). */
    public int waiting() {
        return queue.size();
    }

    /** Batches run so far. */
    public long batches() {
        return batches.sum();
    }

    /** Inputs run so far (divided by {@link #batches()}: the mean batch size). */
    public long inputs() {
        return inputs.sum();
    }

    private void loop() {
        long maxWait = batching.maxWait().toNanos();
        try {
            while (!closed) {
                List<Pending> batch = new ArrayList<>();
                Pending first = queue.take();
                batch.add(first);
                int size = first.inputs().size();
                long deadline = System.nanoTime() + maxWait;
                while (size < batching.maxSize()) {
                    Pending next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    size += next.inputs().size();
                }
                runBatch(batch, size);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failAll(new IllegalStateException("the face engine is closed"));
    }

    private void runBatch(List<Pending> batch, int size) {
        List<float[]> all = new ArrayList<>(size);
        batch.forEach(p -> all.addAll(p.inputs()));
        List<float[]> rows = new ArrayList<>(size);
        try {
            // a caller's inputs are never split from each other's order; a batch that overflows runs in chunks
            for (int i = 0; i < all.size(); i += batching.maxSize()) {
                List<float[]> chunk = all.subList(i, Math.min(all.size(), i + batching.maxSize()));
                List<float[]> out = runner.run(chunk);
                if (out.size() != chunk.size()) {
                    throw new IllegalStateException("a batch of " + chunk.size() + " gave " + out.size() + " rows");
                }
                rows.addAll(out);
                batches.increment();
                inputs.add(chunk.size());
            }
        } catch (RuntimeException | Error e) {
            // the callers get the failure; the batcher lives on for the next batch
            batch.forEach(p -> p.result().completeExceptionally(e));
            return;
        }
        int at = 0;
        for (Pending p : batch) {
            p.result().complete(List.copyOf(rows.subList(at, at + p.inputs().size())));
            at += p.inputs().size();
        }
    }

    private void failAll(RuntimeException e) {
        Pending p;
        while ((p = queue.poll()) != null) {
            p.result().completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
    }
}
