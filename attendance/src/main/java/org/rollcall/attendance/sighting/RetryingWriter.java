package org.rollcall.attendance.sighting;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a database write until it succeeds. While the database is away the calling consumer
 * thread waits here, so Kafka stops delivering (back-pressure) and nothing is skipped.
 */
@ApplicationScoped
public class RetryingWriter {
    private static final Logger LOG = Logger.getLogger(RetryingWriter.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private volatile boolean stopping;
    private final java.util.concurrent.atomic.AtomicLong retries = new java.util.concurrent.atomic.AtomicLong();

    /** Writes retried after a transient failure since start (rollcall_db_write_retries_total). */
    public long retries() {
        return retries.get();
    }

    void onStop(@Observes ShutdownEvent ev) {
        stopping = true;
    }

    public <T> T write(Supplier<T> action) {
        long backoffMs = 200;
        int attempt = 0;
        while (true) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                if (stopping || !isTransient(e)) {
                    throw e;
                }
                attempt++;
                retries.incrementAndGet();
                if (attempt == 1 || attempt % 10 == 0) {
                    LOG.warnf("database write failed (attempt %d), retrying in %d ms: %s", attempt, backoffMs, rootMessage(e));
                }
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    /**
     * Connection-level failures (08), shutdowns (57P) and exhausted resources such as "too many
     * connections" (53) and serialization failures or deadlocks (40) are worth waiting out (the
     * transaction is retried whole); a constraint or SQL bug is not.
     */
    static boolean isTransient(Throwable e) {
        return isTransient(e, 0);
    }

    /**
     * The cause chain and suppressed exceptions: a connection lost at COMMIT surfaces as the
     * transaction manager's rollback exception with the SQL error suppressed or as its cause.
     */
    private static boolean isTransient(Throwable e, int depth) {
        if (depth > 8) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Throwable s : t.getSuppressed()) {
                if (isTransient(s, depth + 1)) {
                    return true;
                }
            }
            if (t instanceof java.sql.SQLTransientException || t instanceof java.sql.SQLRecoverableException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")
                    || sql.getSQLState().startsWith("53") || sql.getSQLState().startsWith("40"))) {
                return true;
            }
            if (t.getClass().getName().contains("JDBCConnectionException")
                    || t.getClass().getName().contains("AcquisitionTimeout")
                    || (t.getMessage() != null && t.getMessage().contains("Acquisition timeout"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
