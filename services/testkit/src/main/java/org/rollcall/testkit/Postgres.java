package org.rollcall.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A real PostgreSQL for tests: zonky's embedded binaries by default, or the server named by
 * {@code ROLLCALL_TEST_DB_URL} (a JDBC URL; user/password from ROLLCALL_TEST_DB_USER/_PASSWORD).
 * On an external server each instance gets a fresh database, so test classes never share state.
 */
public final class Postgres implements AutoCloseable {
    /** The services' role on the embedded server: an owner of its database, not a superuser. */
    static final String APP_ROLE = "rollcall";
    /** Each service's own role at run time (its schema's owner, {@link #APP_ROLE}, runs the migrations). */
    public static final List<String> RUNTIME_ROLES = List.of("rollcall_identity", "rollcall_attendance");

    private final EmbeddedPostgres embedded;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String runtimePassword = UUID.randomUUID().toString();
    private Path dataDirectory;
    private Path binDirectory;

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
            // commits reach the WAL before they are acknowledged, so a server crash (stopServer) loses
            // none; fsync stays off: tests crash the server, never the operating system
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
            String secret = UUID.randomUUID().toString();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + APP_ROLE + " LOGIN PASSWORD '" + secret + "'");
                s.execute("CREATE DATABASE " + APP_ROLE + " OWNER " + APP_ROLE);
            }
            // no user in the URL: the driver would prefer it to the credentials each connection gives
            Postgres created = new Postgres(pg, "jdbc:postgresql://localhost:" + pg.getPort() + "/" + APP_ROLE, APP_ROLE, secret);
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                created.createRuntimeRoles(c);
            }
            return created;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("could not start embedded PostgreSQL", e);
        }
    }

    private static Postgres external(String url, String user, String password) {
        String db = "rollcall_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Postgres created;
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
            int slash = url.lastIndexOf('/');
            int query = url.indexOf('?', slash);
            created = new Postgres(null, url.substring(0, slash + 1) + db + (query < 0 ? "" : url.substring(query)), user, password);
            created.createRuntimeRoles(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database on ROLLCALL_TEST_DB_URL", e);
        }
        return created;
    }

    /** The services' run-time roles, with {@link #runtimePassword()} (created, or given it again on a shared server). */
    private void createRuntimeRoles(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String role : RUNTIME_ROLES) {
                s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN CREATE ROLE "
                        + role + " LOGIN; END IF; END $$");
                s.execute("ALTER ROLE " + role + " PASSWORD '" + runtimePassword + "'");
            }
        }
    }

    /** The run-time roles' password. */
    public String runtimePassword() {
        return runtimePassword;
    }

    /** A connection as the server's administrator (sees every session); on an external server, its given user. */
    public Connection connectAsAdministrator() throws SQLException {
        return embedded != null ? embedded.getPostgresDatabase().getConnection() : connect();
    }

    /** A connection as a service's run-time role (what the service itself can do). */
    public Connection connectAs(String runtimeRole) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, runtimeRole, runtimePassword);
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

    /**
     * Simulates the database going away for the services (embedded server only): their role may
     * no longer connect and its open connections are terminated. {@code false} brings it back.
     */
    public void cutOff(boolean off) throws SQLException {
        if (embedded == null) {
            throw new IllegalStateException("cutOff needs the embedded server");
        }
        try (Connection c = embedded.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            // the owner and every service's run-time role: nobody of ours gets in
            List<String> roles = new java.util.ArrayList<>(RUNTIME_ROLES);
            roles.add(APP_ROLE);
            for (String role : roles) {
                s.execute("ALTER ROLE " + role + " CONNECTION LIMIT " + (off ? "0" : "-1"));
                if (off) {
                    s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
                }
            }
        }
    }

    /**
     * Stops the embedded server as a crash would ({@code pg_ctl stop -m immediate}: no shutdown
     * checkpoint, crash recovery at the next start); every connection breaks.
     */
    public void stopServer() {
        pgCtl("stop", "-m", "immediate", "-w");
    }

    /** Starts the stopped server again: same data, port and options (pg_ctl reads postmaster.opts). */
    public void startServer() {
        pgCtl("restart", "-w");
    }

    private void pgCtl(String... args) {
        if (embedded == null) {
            throw new IllegalStateException("stopping and starting needs the embedded server");
        }
        try {
            Path data = dataDirectory();
            Path pgCtl = binDirectory(data).resolve("pg_ctl");
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                // as the library starts it: PostgreSQL refuses to run as root, and in a new user namespace it is not
                command.addAll(List.of("unshare", "-U"));
            }
            command.addAll(List.of(pgCtl.toString(), "-D", data.toString()));
            command.addAll(List.of(args));
            // to a file: the server pg_ctl starts inherits its output and would keep a pipe open for good
            Path log = Files.createTempFile("pg_ctl", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int rc = p.waitFor();
            String out = Files.readString(log);
            Files.deleteIfExists(log);
            if (rc != 0 && !(args[0].equals("restart") && out.contains("server started"))) {
                throw new IllegalStateException("pg_ctl " + String.join(" ", args) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("pg_ctl " + String.join(" ", args) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Path dataDirectory() {
        if (dataDirectory == null) {
            try (Connection c = embedded.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SHOW data_directory")) {
                rs.next();
                dataDirectory = Path.of(rs.getString(1));
            } catch (SQLException e) {
                throw new IllegalStateException("the embedded server's data directory is unknown", e);
            }
        }
        return dataDirectory;
    }

    /** The binaries the library extracted: where the running server's executable is. */
    private Path binDirectory(Path data) throws IOException {
        if (binDirectory == null) {
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            binDirectory = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).getParent();
        }
        return binDirectory;
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
