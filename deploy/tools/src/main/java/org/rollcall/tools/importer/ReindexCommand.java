package org.rollcall.tools.importer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * deploy/rollcall reindex: re-creates an organization's face templates from the photos the portal
 * keeps (after a model or setting change, or Kafka's data lost), as one of its admins
 * (ROLLCALL_IMPORT_EMAIL / _PASSWORD, or asked). Prints the progress; the last line is
 * {@code reindexed D of T photos, R refused} when it finished. Interrupting it leaves the portal's
 * re-index running; running it again shows (or restarts) it.
 */
public final class ReindexCommand {
    private ReindexCommand() {
    }

    public static void main(String[] args) throws Exception {
        String[] login = PortalSession.credentials();
        if (login == null) {
            System.err.println("set ROLLCALL_IMPORT_EMAIL and ROLLCALL_IMPORT_PASSWORD (an admin of the organization)");
            System.exit(2);
        }
        PortalSession session = new PortalSession(PortalSession.portal());
        try {
            session.signIn(login[0], login[1]);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        String started = call(session, "POST");
        String last = "";
        Instant deadline = Instant.now().plus(Duration.ofHours(6));
        String now = started;
        while (field(now, "state").equals("running") && Instant.now().isBefore(deadline)) {
            String line = "re-creating templates: " + field(now, "done") + " of " + field(now, "total") + " photos";
            if (!line.equals(last)) {
                System.out.println(line);
                last = line;
            }
            // polling the portal's progress, not waiting for a condition in this process: the work runs there
            Thread.sleep(1000);
            now = call(session, "GET");
        }
        if (!field(now, "state").equals("finished")) {
            System.err.println("the re-index stopped after " + field(now, "done") + " of " + field(now, "total") + " photos: "
                    + field(now, "problem") + " (run it again: what is done stays done)");
            System.exit(1);
        }
        System.out.println("reindexed " + field(now, "done") + " of " + field(now, "total") + " photos, " + field(now, "refused")
                + " refused");
    }

    private static String call(PortalSession s, String method) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.portal + "/api/v1/reindex"))
                // a program holding the session's token as a bearer (a page could not add this header)
                .header("Authorization", "Bearer " + s.token());
        // a JSON write (the portal's CSRF filter refuses a bodiless POST)
        b = method.equals("POST") ? b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")) : b.GET();
        HttpResponse<String> r = s.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 && r.statusCode() != 202) {
            throw new IllegalStateException("the portal answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** One top-level field of the progress answer (a flat JSON object). */
    static String field(String json, String name) {
        var m = java.util.regex.Pattern.compile("\"" + name + "\":(\"([^\"]*)\"|([^,}]*))").matcher(json);
        return !m.find() ? "" : m.group(2) != null ? m.group(2) : m.group(3);
    }
}
