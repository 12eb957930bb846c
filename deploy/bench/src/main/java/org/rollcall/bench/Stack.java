package org.rollcall.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.rollcall.events.Claims;
import org.rollcall.testkit.TestTokens;

/**
 * Where the running stack is, from the environment deploy/rollcall exports (Kafka, database,
 * JWT key). Tokens are signed with the stack's own key, as identity would sign them.
 */
public record Stack(String kafka, String dbUrl, String dbUser, String dbPassword, TestTokens tokens) {

    public static Stack fromEnvironment() throws IOException {
        String key = Files.readString(Path.of(env("ROLLCALL_JWT_PRIVATE_KEY_FILE", ".rollcall/secrets/jwt-private.pem")));
        return new Stack(env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                env("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:54329/rollcall"),
                env("ROLLCALL_DB_OWNER", "rollcall"), env("ROLLCALL_DB_PASSWORD", ""),
                new TestTokens(env("ROLLCALL_JWT_ISSUER", Claims.ISSUER), TestTokens.fromPem(key)));
    }

    public Connection db() throws SQLException {
        return DriverManager.getConnection(dbUrl, dbUser, dbPassword);
    }

    /** A service's Prometheus counter (summed over its tags), or 0 when absent. */
    public static double metric(int port, String name, String tagFilter) throws IOException, InterruptedException {
        String body = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith(name) && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ')
                    && (tagFilter == null || line.contains(tagFilter))) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
