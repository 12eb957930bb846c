package org.rollcall.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real PostgreSQL for tests: zonky's embedded binaries by default, or the server named by
 * {@code ROLLCALL_TEST_DB_URL} (a JDBC URL; user/password from ROLLCALL_TEST_DB_USER/_PASSWORD).
 * On an external server each instance gets a fresh database, so test classes never share state.
 */
public final class Postgres implements AutoCloseable {
    private final EmbeddedPostgres embedded;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    private Postgres(EmbeddedPostgres embedded, String jdbcUrl, String user, String password) {
        this.embedded = embedded;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    public static Postgres start() {
        String external = System.getenv("ROLLCALL_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            return external(external, env("ROLLCALL_TEST_DB_USER", "postgres"), env("ROLLCALL_TEST_DB_PASSWORD", ""));
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            return new Postgres(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        } catch (IOException e) {
            throw new IllegalStateException("could not start embedded PostgreSQL", e);
        }
    }

    private static Postgres external(String url, String user, String password) {
        String db = "rollcall_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database on ROLLCALL_TEST_DB_URL", e);
        }
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        String dbUrl = url.substring(0, slash + 1) + db + (query < 0 ? "" : url.substring(query));
        return new Postgres(null, dbUrl, user, password);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new IllegalStateException("could not stop embedded PostgreSQL", e);
            }
        }
    }
}
