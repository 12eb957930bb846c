package org.rollcall.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Embedded PostgreSQL (zonky binaries) on 127.0.0.1 with data kept between starts. initdb
 * leaves "trust" authentication; on every start we make sure every role (the superuser, the
 * schemas' owner {@code rollcall}, each service's run-time role) has its generated password and
 * then require scram-sha-256 for every connection.
 */
final class EmbeddedDatabase implements AutoCloseable {
    static final String DATABASE = "rollcall";
    static final String ROLE = "rollcall";
    /** The PostgreSQL major version of the binaries the root POM pins (postgres-binaries.version). */
    static final String MAJOR = "17";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(DevStackConfig config) throws IOException, SQLException {
        if (config.dbPassword() == null || config.dbSuperuserPassword() == null
                || config.runtimePasswords().size() != DevStackConfig.DATABASE_SERVICES.size()) {
            throw new IllegalStateException("ROLLCALL_DB_PASSWORD, ROLLCALL_DB_SUPERUSER_PASSWORD, ROLLCALL_IDENTITY_DB_PASSWORD and "
                    + "ROLLCALL_ATTENDANCE_DB_PASSWORD must be set (deploy/rollcall generates them under .rollcall/secrets)");
        }
        Path data = config.home().resolve("postgres");
        Files.createDirectories(data.getParent());
        requireSameMajor(data);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(config.dbPort())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                // the library starts PostgreSQL for throw-away tests (fsync, synchronous commit and full
                // page writes off); this database keeps attendance records: a crash must not lose an
                // acknowledged commit, nor an OS crash corrupt the data directory
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setConnectConfig("password", config.dbSuperuserPassword())
                .setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
                .setErrorRedirector(ProcessBuilder.Redirect.INHERIT)
                .start();
        EmbeddedDatabase db = new EmbeddedDatabase(pg);
        db.provision(config, data);
        return db;
    }

    /**
     * A data directory of another major version cannot be opened; say so instead of the
     * server's own start-up failure (the data stays untouched for pg_upgrade or a dump).
     */
    static void requireSameMajor(Path data) throws IOException {
        Path version = data.resolve("PG_VERSION");
        if (Files.exists(version)) {
            String found = Files.readString(version).trim();
            if (!found.equals(MAJOR)) {
                throw new IllegalStateException("the database in " + data + " was made by PostgreSQL " + found
                        + " and this stack runs PostgreSQL " + MAJOR + ": export it with that version's pg_dump and restore it, "
                        + "or move the folder away to start empty (nothing was changed)");
            }
        }
    }

    private void provision(DevStackConfig config, Path data) throws SQLException, IOException {
        Properties props = new Properties();
        props.put("user", "postgres");
        props.put("password", config.dbSuperuserPassword());
        String url = "jdbc:postgresql://127.0.0.1:" + config.dbPort() + "/postgres";
        try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("ALTER ROLE postgres PASSWORD " + literal(config.dbSuperuserPassword()));
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", ROLE)) {
                s.execute("CREATE ROLE " + ROLE + " LOGIN");
            }
            s.execute("ALTER ROLE " + ROLE + " PASSWORD " + literal(config.dbPassword()));
            // each service's own role at run time; its migrations grant it exactly what it needs
            for (var runtime : config.runtimePasswords().entrySet()) {
                if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", runtime.getKey())) {
                    s.execute("CREATE ROLE " + runtime.getKey() + " LOGIN");
                }
                s.execute("ALTER ROLE " + runtime.getKey() + " PASSWORD " + literal(runtime.getValue()));
            }
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
            }
            Files.writeString(data.resolve("pg_hba.conf"), """
                    # generated by devstack: password (scram) for every connection, loopback only
                    local all all scram-sha-256
                    host  all all 127.0.0.1/32 scram-sha-256
                    host  all all ::1/128      scram-sha-256
                    """);
            s.execute("SELECT pg_reload_conf()");
        }
    }

    private static boolean exists(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Passwords are generated hex, but quote them properly anyway (DDL takes no bind parameters). */
    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
