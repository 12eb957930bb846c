package org.rollcall.face.gallery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One organization's open-set face matcher. A probe is compared with every template of every
 * person (and each person's centroid) by cosine similarity; the best person is named only at or
 * above the threshold, otherwise the face is unknown. Strangers are the common case: a gallery
 * never has to name someone.
 *
 * <p>Scale: templates live in contiguous chunks. Beyond {@link #EXACT_SCAN_LIMIT} templates a
 * search first scans a 64-d random orthogonal projection (8x less memory traffic), keeps the
 * {@link #RERANK} best rows and re-ranks them exactly, so the reported similarities are exact.
 * Thread-safe: searches share a read lock.
 */
public final class Gallery {
    /**
     * Default cosine threshold: the lowest at which at most 1 in 1,000 impostor pairs match,
     * pooled over the labelled real photos of faces-dev and the fixtures' impostors
     * ({@code rollcall face calibrate}; curve and reasoning in the module README). Organizations
     * override it; a large gallery should raise it, as a stranger meets every enrolled person.
     */
    public static final float DEFAULT_THRESHOLD = 0.42f;
    static final int EXACT_SCAN_LIMIT = 4096;
    static final int PROJECTED_DIMS = 64;
    static final int RERANK = 2048;
    static final int CENTROID_CANDIDATES = 16;

    private final int dims;
    private volatile float threshold;
    private final VectorStore exact;
    private final VectorStore projected;
    private final float[] projection;
    private final List<String> rowTemplate = new ArrayList<>();
    private final List<String> rowPerson = new ArrayList<>();
    private final Map<String, Integer> templateRow = new HashMap<>();
    private final Map<String, PersonCentroid> centroids = new HashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    public Gallery(int dims, float threshold) {
        this.dims = dims;
        this.threshold = threshold;
        this.exact = new VectorStore(dims);
        this.projected = new VectorStore(PROJECTED_DIMS);
        this.projection = orthogonalProjection(dims, PROJECTED_DIMS, 0x5eed_f00dL);
    }

    public float threshold() {
        return threshold;
    }

    public void setThreshold(float t) {
        if (t <= 0 || t >= 1) {
            throw new IllegalArgumentException("threshold must be in (0,1)");
        }
        this.threshold = t;
    }

    /** Adds (or replaces) a template. The embedding must be L2-normalised. */
    public void add(String personId, String templateId, float[] embedding) {
        if (embedding.length != dims) {
            throw new IllegalArgumentException("embedding has " + embedding.length + " dimensions, expected " + dims);
        }
        lock.writeLock().lock();
        try {
            removeLocked(templateId);
            exact.add(embedding, 0);
            projected.add(project(embedding), 0);
            rowTemplate.add(templateId);
            rowPerson.add(personId);
            templateRow.put(templateId, exact.size() - 1);
            centroids.computeIfAbsent(personId, p -> new PersonCentroid(dims)).add(embedding);
            version.incrementAndGet();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Erases one template; returns whether it existed. */
    public boolean remove(String templateId) {
        lock.writeLock().lock();
        try {
            return removeLocked(templateId);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Changes with every add or remove: lets derived models (the SVM mode) know when to retrain. */
    public long version() {
        return version.get();
    }

    /** Visits every template (person id, a copy of the embedding), under the read lock. */
    public void forEachTemplate(java.util.function.BiConsumer<String, float[]> visitor) {
        lock.readLock().lock();
        try {
            for (int r = 0; r < rowPerson.size(); r++) {
                visitor.accept(rowPerson.get(r), exact.copy(r));
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The template ids of a person (for erasure by tombstones). */
    public List<String> templatesOf(String personId) {
        lock.readLock().lock();
        try {
            List<String> ids = new ArrayList<>();
            for (int r = 0; r < rowPerson.size(); r++) {
                if (rowPerson.get(r).equals(personId)) {
                    ids.add(rowTemplate.get(r));
                }
            }
            return ids;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Erases every template of a person; returns how many. */
    public int removePerson(String personId) {
        lock.writeLock().lock();
        try {
            List<String> ids = templatesOf(personId);
            ids.forEach(this::removeLocked);
            return ids.size();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private boolean removeLocked(String templateId) {
        Integer row = templateRow.remove(templateId);
        if (row == null) {
            return false;
        }
        version.incrementAndGet();
        String person = rowPerson.get(row);
        PersonCentroid c = centroids.get(person);
        c.remove(exact.copy(row));
        if (c.count() == 0) {
            centroids.remove(person);
        }
        int moved = exact.removeSwapLast(row);
        projected.removeSwapLast(row);
        int last = rowTemplate.size() - 1;
        if (moved >= 0) {
            rowTemplate.set(row, rowTemplate.get(last));
            rowPerson.set(row, rowPerson.get(last));
            templateRow.put(rowTemplate.get(row), row);
        }
        rowTemplate.remove(last);
        rowPerson.remove(last);
        return true;
    }

    public int size() {
        return (int) readLocked(exact::size);
    }

    public int people() {
        return (int) readLocked(centroids::size);
    }

    /** Approximate heap held by the vectors. */
    public long bytes() {
        return readLocked(() -> exact.bytes() + projected.bytes());
    }

    private long readLocked(java.util.function.LongSupplier read) {
        lock.readLock().lock();
        try {
            return read.getAsLong();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The open-set decision with up to {@code topK} candidate persons. */
    public Match match(float[] probe, int topK) {
        lock.readLock().lock();
        try {
            int n = exact.size();
            if (n == 0) {
                return new Match(null, 0f, 0f, List.of());
            }
            int[] rows = candidateRows(probe, n);
            Map<String, Candidate> best = new HashMap<>();
            for (int row : rows) {
                float s = exact.dot(row, probe);
                String person = rowPerson.get(row);
                Candidate c = best.get(person);
                if (c == null || s > c.similarity()) {
                    best.put(person, new Candidate(person, s, rowTemplate.get(row)));
                }
            }
            List<Candidate> ranked = new ArrayList<>(best.values());
            ranked.sort(Comparator.comparingDouble(Candidate::similarity).reversed());
            // a person's centroid can beat each single template (several photos agree); only the
            // leading persons can change the decision, so only they pay for it
            int refine = Math.min(ranked.size(), Math.max(topK, CENTROID_CANDIDATES));
            for (int i = 0; i < refine; i++) {
                Candidate c = ranked.get(i);
                float cs = centroids.get(c.personId()).similarity(probe);
                if (cs > c.similarity()) {
                    ranked.set(i, new Candidate(c.personId(), cs, c.templateId()));
                }
            }
            ranked.sort(Comparator.comparingDouble(Candidate::similarity).reversed());
            Candidate first = ranked.get(0);
            float second = ranked.size() > 1 ? ranked.get(1).similarity() : 0f;
            float margin = first.similarity() - Math.max(0f, second);
            String person = first.similarity() >= threshold ? first.personId() : null;
            return new Match(person, first.similarity(), margin, List.copyOf(ranked.subList(0, Math.min(topK, ranked.size()))));
        } finally {
            lock.readLock().unlock();
        }
    }

    private int[] candidateRows(float[] probe, int n) {
        if (n <= EXACT_SCAN_LIMIT) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        float[] q = project(probe);
        TopK top = new TopK(Math.min(RERANK, n));
        projected.scan(q, top::offer);
        int[] rows = new int[top.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = top.row(i);
        }
        return rows;
    }

    private float[] project(float[] v) {
        float[] out = new float[PROJECTED_DIMS];
        for (int k = 0; k < PROJECTED_DIMS; k++) {
            out[k] = Dot.dot(projection, k * dims, v, dims);
        }
        return out;
    }

    /** Rows of a random Gaussian matrix, orthonormalised (Gram-Schmidt): angles are kept on average. */
    static float[] orthogonalProjection(int dims, int k, long seed) {
        Random rnd = new Random(seed);
        double[][] m = new double[k][dims];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < dims; j++) {
                m[i][j] = rnd.nextGaussian();
            }
            for (int p = 0; p < i; p++) {
                double d = 0;
                for (int j = 0; j < dims; j++) {
                    d += m[i][j] * m[p][j];
                }
                for (int j = 0; j < dims; j++) {
                    m[i][j] -= d * m[p][j];
                }
            }
            double norm = 0;
            for (int j = 0; j < dims; j++) {
                norm += m[i][j] * m[i][j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < dims; j++) {
                m[i][j] /= norm;
            }
        }
        float[] flat = new float[k * dims];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < dims; j++) {
                flat[i * dims + j] = (float) m[i][j];
            }
        }
        return flat;
    }

    /** Running sum of a person's templates; similarity to the normalised mean. */
    private static final class PersonCentroid {
        private final double[] sum;
        private int count;

        PersonCentroid(int dims) {
            sum = new double[dims];
        }

        void add(float[] v) {
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
            }
            count++;
        }

        void remove(float[] v) {
            for (int i = 0; i < v.length; i++) {
                sum[i] -= v[i];
            }
            count--;
        }

        int count() {
            return count;
        }

        float similarity(float[] probe) {
            double dot = 0;
            double norm = 0;
            for (int i = 0; i < sum.length; i++) {
                dot += sum[i] * probe[i];
                norm += sum[i] * sum[i];
            }
            return norm < 1e-12 ? 0f : (float) (dot / Math.sqrt(norm));
        }
    }
}
