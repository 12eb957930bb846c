package org.rollcall.identity.enroll;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.rollcall.identity.IdentityConfig;
import org.rollcall.identity.ServiceUnavailable;
import org.rollcall.identity.session.TokenIssuer;

/**
 * The one call identity still makes by hand: attendance's CSV export, streamed through to the
 * browser without holding it (the typed clients in identity/clients read whole bodies); and the
 * short service tokens of an organization that every call carries.
 */
@ApplicationScoped
public class ServiceClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final IdentityConfig config;
    private final TokenIssuer tokens;

    public ServiceClient(IdentityConfig config, TokenIssuer tokens) {
        this.config = config;
        this.tokens = tokens;
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
}
