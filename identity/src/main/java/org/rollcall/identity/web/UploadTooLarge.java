package org.rollcall.identity.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.regex.Pattern;
import org.rollcall.identity.IdentityConfig;

/**
 * A request body over the portal's limit ({@code rollcall.identity.max-request-bytes}, 32 MiB).
 * Quarkus' own limit answers 413 with no body (the browser showed its bare "HTTP ERROR 413" and the
 * form was gone) and no handler of the application runs before it, so Quarkus' limit is a higher
 * backstop (64 MiB, for bodies without a length) and this handler answers first: a page says how
 * large the upload was, what the limits are and links back to the form; an API call gets problem
 * details. The photo form checks sizes before sending too (upload-limits.js); this is for the rest.
 */
@ApplicationScoped
public class UploadTooLarge {
    /** A same-site path a "back" link may point to (the Referer's path, nothing else of it). */
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9/_-]{0,200}");

    private final long limit;
    private final long photoLimit;

    public UploadTooLarge(IdentityConfig config) {
        this.limit = config.maxRequestBytes();
        this.photoLimit = config.maxPhotoBytes();
    }

    void install(@Observes Router router) {
        router.route().order(-3).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        long length;
        try {
            String header = ctx.request().getHeader("Content-Length");
            length = header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length <= limit) {
            ctx.next();
            return;
        }
        String detail = String.format(Locale.ROOT, "This upload is %s; Rollcall accepts at most %s at once, and each photo at most %s.",
                megabytes(length), megabytes(limit), megabytes(photoLimit));
        String accept = ctx.request().getHeader("Accept");
        boolean page = !ctx.request().path().startsWith("/api/") && accept != null && accept.contains("text/html");
        var response = ctx.response().setStatusCode(413).putHeader("Connection", "close")
                .putHeader("X-Content-Type-Options", "nosniff");
        if (page) {
            response.putHeader("Content-Type", "text/html; charset=utf-8")
                    .putHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
                    .end(html(detail, back(ctx.request().getHeader("Referer"))));
        } else {
            response.putHeader("Content-Type", "application/problem+json")
                    .end(String.format(Locale.ROOT,
                            "{\"type\":\"urn:rollcall:problem:payload_too_large\",\"title\":\"Payload Too Large\",\"status\":413,"
                                    + "\"detail\":\"%s\",\"reason\":\"payload_too_large\"}", detail));
        }
    }

    /** The form's own path when the Referer names one of this site's pages, else the dashboard. */
    static String back(String referer) {
        if (referer != null) {
            try {
                String path = java.net.URI.create(referer).getPath();
                if (path != null && SAFE_PATH.matcher(path).matches()) {
                    return path;
                }
            } catch (IllegalArgumentException e) {
                // not a URI: the dashboard
            }
        }
        return "/dashboard";
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static String html(String detail, String back) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Upload too large · Rollcall</title>"
                + "<link rel=\"stylesheet\" href=\"/static/rollcall.css\"></head><body><main><section class=\"card narrow\">"
                + "<h1>Upload too large</h1><p id=\"too-large\">" + detail + "</p>"
                + "<p>Nothing was saved. Choose smaller or fewer photos (a phone photo is usually 2 to 5 MB), then send them again.</p>"
                + "<p><a href=\"" + back + "\" id=\"back\">Back to the form</a></p></section></main></body></html>";
    }
}
