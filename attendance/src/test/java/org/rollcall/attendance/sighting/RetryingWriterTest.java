package org.rollcall.attendance.sighting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which database failures are waited out, and that a write is retried until it succeeds. */
class RetryingWriterTest {
    @ParameterizedTest(name = "SQLState {0} transient={1}")
    @CsvSource({"08006, true", "08001, true", "57P01, true", "57P03, true", "53300, true", "40001, true", "40P01, true",
        "23505, false", "42P01, false", "22001, false", "23514, false", "P0001, false"})
    void sqlStates(String state, boolean transientFailure) {
        RuntimeException e = new RuntimeException("wrapped", new SQLException("x", state));
        assertEquals(transientFailure, RetryingWriter.isTransient(e));
    }

    @Test
    void transientExceptionTypesAnywhereInTheCauseChain() {
        assertTrue(RetryingWriter.isTransient(new RuntimeException(new IllegalStateException(new SQLTransientConnectionException("gone")))));
        assertTrue(RetryingWriter.isTransient(new RuntimeException(new java.net.ConnectException("refused"))));
        assertTrue(RetryingWriter.isTransient(new RuntimeException("Acquisition timeout while waiting for new connection")));
        assertFalse(RetryingWriter.isTransient(new RuntimeException("a bug")));
        assertFalse(RetryingWriter.isTransient(new RuntimeException(new SQLException("no state"))));
    }

    @Test
    void aWriteIsRetriedThroughTransientFailuresAndItsResultReturned() {
        RetryingWriter writer = new RetryingWriter();
        AtomicInteger calls = new AtomicInteger();
        Object result = new Object();
        Object got = writer.write(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new RuntimeException(new SQLException("down", "08006"));
            }
            return result;
        });
        assertSame(result, got);
        assertEquals(3, calls.get());
        assertEquals(2, writer.retries());
    }

    @Test
    void aPermanentFailureIsThrownAtOnce() {
        RetryingWriter writer = new RetryingWriter();
        AtomicInteger calls = new AtomicInteger();
        RuntimeException bug = new RuntimeException(new SQLException("dup", "23505"));
        assertSame(bug, assertThrows(RuntimeException.class, () -> writer.write(() -> {
            calls.incrementAndGet();
            throw bug;
        })));
        assertEquals(1, calls.get());
        assertEquals(0, writer.retries());
    }
}
