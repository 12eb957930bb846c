package org.rollcall.identity.enroll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.rollcall.identity.IdentityConfig;
import org.rollcall.identity.ServiceUnavailable;
import org.rollcall.identity.session.TokenIssuer;

/** Identity's calls to recognition and attendance, each with a short service token of the organization. */
@ApplicationScoped
public class ServiceClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final IdentityConfig config;
    private final TokenIssuer tokens;

    public ServiceClient(IdentityConfig config, TokenIssuer tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    /** A service's answer: status and JSON body. */
    public record Answer(int status, JsonNode body) {
    }

    public Answer enroll(String orgId, String personId, byte[] image) {
        String boundary = "rollcall-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "orgId", null, orgId.getBytes(StandardCharsets.UTF_8));
        part(body, boundary, "personId", null, personId.getBytes(StandardCharsets.UTF_8));
        part(body, boundary, "image", "photo.jpg", image);
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(URI.create(config.recognitionUrl() + "/api/v1/templates"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.service(orgId, "enroller"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return send(req, "recognition");
    }

    /** GET on attendance with the caller's own token (members see themselves) or a service token. */
    public Answer attendance(String pathAndQuery, String bearer) {
        return send(HttpRequest.newBuilder(URI.create(config.attendanceUrl() + pathAndQuery)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + bearer).GET().build(), "attendance");
    }

    /** Streams attendance's CSV export (the caller copies it through without holding it). */
    public HttpResponse<java.io.InputStream> exportCsv(String orgId, String query) {
        try {
            HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(URI.create(config.attendanceUrl()
                    + "/api/v1/attendance/export.csv" + query)).timeout(Duration.ofMinutes(10))
                    .header("Authorization", "Bearer " + tokens.service(orgId, "admin")).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                r.body().close();
                throw new ServiceUnavailable("attendance answered " + r.statusCode());
            }
            return r;
        } catch (java.io.IOException e) {
            throw new ServiceUnavailable("attendance is unavailable; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailable("interrupted");
        }
    }

    public String serviceToken(String orgId, String... roles) {
        return tokens.service(orgId, roles);
    }

    private Answer send(HttpRequest req, String service) {
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body() == null || r.body().isBlank() ? json.createObjectNode() : parse(r.body());
            if (r.statusCode() >= 500) {
                throw new ServiceUnavailable(service + " is unavailable; try again");
            }
            return new Answer(r.statusCode(), body);
        } catch (java.io.IOException e) {
            throw new ServiceUnavailable(service + " is unavailable; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailable("interrupted");
        }
    }

    private JsonNode parse(String s) {
        try {
            return json.readTree(s);
        } catch (java.io.IOException e) {
            return json.createObjectNode().put("error", "unreadable answer");
        }
    }

    private static void part(ByteArrayOutputStream out, String boundary, String name, String filename, byte[] data) {
        StringBuilder h = new StringBuilder("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name).append('"');
        if (filename != null) {
            h.append("; filename=\"").append(filename).append("\"\r\nContent-Type: image/jpeg");
        }
        h.append("\r\n\r\n");
        out.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(data);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

}
