package org.rollcall.face.gallery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One organization's open-set face matcher. A probe is compared with every template of every
 * person (and each person's centroid) by cosine similarity; the best person is named only at or
 * above the threshold, otherwise the face is unknown. Strangers are the common case: a gallery
 * never has to name someone.
 *
 * <p>Scale: templates live in contiguous chunks as bfloat16 (2 bytes a dimension). Beyond
 * {@link #EXACT_SCAN_LIMIT} templates a search first compares 512-bit sign codes by Hamming
 * distance (64 bytes a row, XOR and popcount), keeps the {@link #RERANK} nearest rows and
 * re-ranks them on their stored vectors, so a reported similarity is the stored vector's (within
 * 1e-3 of the float embedding's), never the estimate's. A person's centroid is summed from their rows when it is needed, not stored: it
 * costs nothing until a person is a leading candidate. Thread-safe: searches share a read lock.
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
    /**
     * Rows re-ranked on their vectors. On the clustered test embeddings the planted person's row
     * is first by Hamming distance at 1M (300 probes); 1024 leaves room for real models, whose
     * strangers come closer, at ~1.5 ms (rows are scattered in memory, so each costs a cache miss).
     */
    static final int RERANK = 1024;
    static final int CENTROID_CANDIDATES = 16;

    private final int dims;
    private volatile float threshold;
    private final VectorStore exact;
    private final SignCodes codes;
    private final List<String> rowTemplate = new ArrayList<>();
    private final List<String> rowPerson = new ArrayList<>();
    private final Map<String, Integer> templateRow = new HashMap<>();
    private final Map<String, PersonRows> persons = new HashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicLong version = new AtomicLong();

    public Gallery(int dims, float threshold) {
        this.dims = dims;
        this.threshold = threshold;
        this.exact = new VectorStore(dims);
        this.codes = new SignCodes(dims, 0x5eed_f00dL);
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
            int row = exact.add(embedding, 0);
            codes.add(embedding);
            PersonRows person = persons.computeIfAbsent(personId, PersonRows::new);
            person.add(row);
            rowTemplate.add(templateId);
            rowPerson.add(person.id); // one id instance per person, however many templates name it
            templateRow.put(templateId, row);
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
            PersonRows rows = persons.get(personId);
            List<String> ids = new ArrayList<>();
            for (int i = 0; rows != null && i < rows.count; i++) {
                ids.add(rowTemplate.get(rows.rows[i]));
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
        PersonRows own = persons.get(person);
        own.remove(row);
        if (own.count == 0) {
            persons.remove(person);
        }
        int moved = exact.removeSwapLast(row);
        codes.removeSwapLast(row);
        int last = rowTemplate.size() - 1;
        if (moved >= 0) {
            persons.get(rowPerson.get(last)).replace(last, row);
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
        return (int) readLocked(persons::size);
    }

    /** Heap held by the vectors and codes (ids and maps come on top; the face bench measures all of it). */
    public long bytes() {
        return readLocked(() -> exact.bytes() + codes.bytes());
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
            // rows by similarity, best first, as primitive keys (no object per row): the first row
            // of each person is that person's best template
            long[] keys = new long[rows.length];
            for (int i = 0; i < rows.length; i++) {
                keys[i] = ((long) sortable(exact.dot(rows[i], probe)) << 32) | rows[i];
            }
            java.util.Arrays.sort(keys);
            int wanted = Math.max(topK, CENTROID_CANDIDATES);
            List<Candidate> ranked = new ArrayList<>(wanted);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = keys.length - 1; i >= 0 && ranked.size() < wanted; i--) {
                int row = (int) keys[i];
                String person = rowPerson.get(row);
                if (seen.add(person)) {
                    ranked.add(new Candidate(person, unsortable((int) (keys[i] >>> 32)), rowTemplate.get(row)));
                }
            }
            // a person's centroid can beat each single template (several photos agree); only the
            // leading persons can change the decision, so only they pay for it
            int refine = Math.min(ranked.size(), Math.max(topK, CENTROID_CANDIDATES));
            for (int i = 0; i < refine; i++) {
                Candidate c = ranked.get(i);
                float cs = centroidSimilarity(persons.get(c.personId()), probe);
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

    /** Float bits as an int that orders like the float (negative values flipped). */
    private static int sortable(float f) {
        int b = Float.floatToRawIntBits(f);
        return b ^ ((b >> 31) & 0x7fffffff);
    }

    private static float unsortable(int b) {
        return Float.intBitsToFloat(b ^ ((b >> 31) & 0x7fffffff));
    }

    private int[] candidateRows(float[] probe, int n) {
        if (n <= EXACT_SCAN_LIMIT) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        short[] distance = new short[n];
        // distances are small integers: their histogram gives the cut-off that keeps RERANK rows
        int[] histogram = new int[codes.bits() + 1];
        codes.distances(codes.code(probe), distance, histogram);
        int keep = Math.min(RERANK, n);
        int cut = 0;
        int below = 0;
        while (below + histogram[cut] < keep) {
            below += histogram[cut++];
        }
        int atCut = keep - below;
        int[] rows = new int[keep];
        int k = 0;
        for (int i = 0; i < n && k < keep; i++) {
            int d = distance[i];
            if (d < cut || (d == cut && atCut-- > 0)) {
                rows[k++] = i;
            }
        }
        return rows;
    }

    /** Cosine of the probe with the normalised mean of the person's templates. */
    private float centroidSimilarity(PersonRows person, float[] probe) {
        if (person.count == 1) {
            return exact.dot(person.rows[0], probe);
        }
        float[] sum = new float[dims];
        for (int i = 0; i < person.count; i++) {
            exact.addTo(person.rows[i], sum);
        }
        double norm = Math.sqrt(Dot.dot(sum, 0, sum, dims));
        return norm == 0 ? 0f : (float) (Dot.dot(sum, 0, probe, dims) / norm);
    }

    /** The rows holding one person's templates (a growable int list; rows move on removal). */
    private static final class PersonRows {
        private final String id;
        private int[] rows = new int[2];
        private int count;

        PersonRows(String id) {
            this.id = id;
        }

        void add(int row) {
            if (count == rows.length) {
                rows = java.util.Arrays.copyOf(rows, count * 2);
            }
            rows[count++] = row;
        }

        void remove(int row) {
            for (int i = 0; i < count; i++) {
                if (rows[i] == row) {
                    rows[i] = rows[--count];
                    return;
                }
            }
        }

        void replace(int from, int to) {
            for (int i = 0; i < count; i++) {
                if (rows[i] == from) {
                    rows[i] = to;
                    return;
                }
            }
        }
    }
}
