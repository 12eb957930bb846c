package org.rollcall.devstack;

import java.nio.file.Path;

/**
 * Settings from the environment (deploy/rollcall sets them).
 *
 * @param home ROLLCALL_HOME, default {@code .rollcall}
 * @param kafkaPort ROLLCALL_KAFKA_PORT, default 9092 (the controller listens on the next port)
 * @param dbPort ROLLCALL_DB_PORT, default 54329
 * @param dbPassword ROLLCALL_DB_PASSWORD: password of {@code rollcall}, the schemas' owner (migrations only)
 * @param runtimePasswords each service's own role at run time and its password:
 *                         ROLLCALL_IDENTITY_DB_PASSWORD ({@code rollcall_identity}),
 *                         ROLLCALL_ATTENDANCE_DB_PASSWORD ({@code rollcall_attendance})
 * @param dbSuperuserPassword ROLLCALL_DB_SUPERUSER_PASSWORD: password of {@code postgres}
 * @param kafkaWanPort ROLLCALL_KAFKA_WAN_PORT, default none: when set, the broker has a third listener
 *                     on {@code kafkaPort + 2} that it advertises at this port, where a WAN link (a relay)
 *                     forwards to it, so edge sites' mirrors reach it through that link only
 */
public record DevStackConfig(Path home, int kafkaPort, int dbPort, String dbPassword, String dbSuperuserPassword, int kafkaWanPort,
        java.util.Map<String, String> runtimePasswords) {

    /** The services that keep data in PostgreSQL, each with a role of its own at run time. */
    static final java.util.List<String> DATABASE_SERVICES = java.util.List.of("identity", "attendance");

    static DevStackConfig fromEnvironment() {
        return new DevStackConfig(
                Path.of(env("ROLLCALL_HOME", ".rollcall")).toAbsolutePath(),
                Integer.parseInt(env("ROLLCALL_KAFKA_PORT", "9092")),
                Integer.parseInt(env("ROLLCALL_DB_PORT", "54329")),
                env("ROLLCALL_DB_PASSWORD", null),
                env("ROLLCALL_DB_SUPERUSER_PASSWORD", null),
                Integer.parseInt(env("ROLLCALL_KAFKA_WAN_PORT", "0")),
                runtimePasswordsFromEnvironment());
    }

    private static java.util.Map<String, String> runtimePasswordsFromEnvironment() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String service : DATABASE_SERVICES) {
            String password = env("ROLLCALL_" + service.toUpperCase(java.util.Locale.ROOT) + "_DB_PASSWORD", null);
            if (password != null) {
                out.put("rollcall_" + service, password);
            }
        }
        return out;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
