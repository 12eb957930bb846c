package org.rollcall.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The local stack's PostgreSQL keeps what it acknowledged: durability is on, unlike the library's test defaults. */
class EmbeddedDatabaseTest {

    @Test
    void theLocalDatabaseIsDurableAndServesTheServicesRole() throws Exception {
        Path home = Files.createTempDirectory("rollcall-devstack-test");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String password = UUID.randomUUID().toString();
        String runtime = UUID.randomUUID().toString();
        DevStackConfig config = new DevStackConfig(home, 0, port, password, UUID.randomUUID().toString(), 0,
                java.util.Map.of("rollcall_identity", runtime, "rollcall_attendance", runtime));
        try (EmbeddedDatabase db = EmbeddedDatabase.start(config)) {
            Properties login = new Properties();
            login.put("user", EmbeddedDatabase.ROLE);
            login.put("password", password);
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedDatabase.DATABASE, login)) {
                try (ResultSet rs = c.createStatement().executeQuery("SHOW server_version_num")) {
                    rs.next();
                    assertEquals(EmbeddedDatabase.MAJOR, Integer.toString(rs.getInt(1) / 10000), "a supported PostgreSQL major version");
                }
                // each service's run-time role signs in with its own password
                for (String role : new String[] {"rollcall_identity", "rollcall_attendance"}) {
                    Properties as = new Properties();
                    as.put("user", role);
                    as.put("password", runtime);
                    DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedDatabase.DATABASE, as).close();
                }
                for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                    try (ResultSet rs = c.createStatement().executeQuery("SHOW " + setting)) {
                        rs.next();
                        assertEquals("on", rs.getString(1), setting);
                    }
                }
            }
        }
    }

    @Test
    void aDataDirectoryOfAnotherMajorVersionIsRefusedWithoutTouchingIt() throws Exception {
        Path data = Files.createTempDirectory("rollcall-pg14");
        Files.writeString(data.resolve("PG_VERSION"), "14\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.requireSameMajor(data));
        assertTrue(e.getMessage().contains("PostgreSQL 14"), e.getMessage());
        assertEquals("14\n", Files.readString(data.resolve("PG_VERSION")));
    }
}
