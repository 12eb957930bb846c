package org.rollcall.tools.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * deploy/rollcall import-known-faces [DIR]: the seed's gallery format, {@code <user_id>_<name>/*.jpg|png},
 * into an organization. Signs in to the portal as one of its admins and goes through the normal
 * enrollment path (same checks). The operator states how the people's consent was collected
 * (ROLLCALL_IMPORT_CONSENT_EVIDENCE, e.g. "signed paper forms, HR file 2026-11"): it is recorded
 * with every photo together with the consent text's version, which the importer shows first.
 * Re-running changes nothing: people are found by user id, photos by content.
 */
public final class KnownFacesImport {
    static final Pattern FOLDER = Pattern.compile("([A-Za-z0-9.-]{1,64})_(.{1,100})");
    private final PortalSession session;
    private final HttpClient http;
    private final String portal;
    private String consentVersion;
    private String consentEvidence;

    private KnownFacesImport(String portal) {
        this.session = new PortalSession(portal);
        this.http = session.http;
        this.portal = portal;
    }

    /** What happened to one folder or photo. */
    record Outcome(String what, String status, String detail) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "known_faces");
        String[] login = PortalSession.credentials();
        if (login == null) {
            System.err.println("set ROLLCALL_IMPORT_EMAIL and ROLLCALL_IMPORT_PASSWORD (an admin of the target organization)");
            System.exit(2);
        }
        String evidence = System.getenv("ROLLCALL_IMPORT_CONSENT_EVIDENCE");
        if (evidence == null || evidence.isBlank()) {
            System.err.println("set ROLLCALL_IMPORT_CONSENT_EVIDENCE to how these people's consent to face recognition was collected");
            System.err.println("(e.g. \"signed consent forms, HR file 2026-11\"); it is recorded with every photo");
            System.exit(2);
        }
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            System.err.println("no such folder (symbolic links are not followed): " + dir);
            System.exit(2);
        }
        KnownFacesImport i = new KnownFacesImport(PortalSession.portal());
        try {
            i.session.signIn(login[0], login[1]);
            i.consent(evidence.trim());
        } catch (IllegalStateException e) {
            // a clear line, not a stack trace: a wrong password is an operator's everyday mistake
            System.err.println(e.getMessage());
            System.exit(2);
        }
        List<Outcome> outcomes = i.importAll(dir);
        long enrolled = outcomes.stream().filter(o -> o.status().equals("enrolled")).count();
        long already = outcomes.stream().filter(o -> o.status().equals("already_enrolled")).count();
        List<Outcome> refused = outcomes.stream().filter(o -> o.status().equals("refused")).toList();
        System.out.println();
        System.out.printf("enrolled %d, already enrolled %d, refused %d%n", enrolled, already, refused.size());
        refused.forEach(o -> System.out.printf("  refused %s: %s%n", o.what(), o.detail()));
        System.exit(refused.isEmpty() ? 0 : 1);
    }

    /** Shows the consent text the photos are recorded under and keeps its version. */
    private void consent(String evidence) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(portal + "/api/v1/people/consent"))
                .header("Authorization", "Bearer " + session.token()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("could not read the consent text: HTTP " + r.statusCode());
        }
        consentVersion = r.body().replaceAll(".*\"version\":\"([^\"]+)\".*", "$1");
        System.out.println("Consent text " + consentVersion + ": " + r.body().replaceAll(".*\"statement\":\"([^\"]+)\".*", "$1"));
        System.out.println("Recorded with every photo as collected by: " + evidence);
        consentEvidence = evidence;
        // that response set a new CSRF cookie: take the form token that goes with it
        session.page("/people");
    }

    List<Outcome> importAll(Path dir) throws IOException, InterruptedException {
        List<Path> folders;
        try (Stream<Path> s = Files.list(dir)) {
            // symbolic links are not followed: a link could make the import read files outside the folder given
            folders = s.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        List<Outcome> out = new ArrayList<>();
        int total = 0;
        for (Path f : folders) {
            total += photos(f).size();
        }
        int done = 0;
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            Matcher m = FOLDER.matcher(name);
            if (!m.matches() || !safe(m.group(2))) {
                out.add(new Outcome(name, "refused", "folder name is not <user_id>_<name> with a plain name"));
                done += photos(folder).size();
                continue;
            }
            String personId = person(m.group(1), m.group(2).replace('_', ' '));
            for (Path photo : photos(folder)) {
                out.add(enroll(personId, name + "/" + photo.getFileName(), Files.readAllBytes(photo)));
                progress(++done, total, out);
            }
        }
        return out;
    }

    /** No path tricks or control characters in a name that will be shown and stored. */
    static boolean safe(String name) {
        return !name.isBlank() && !name.contains("..") && !name.contains("/") && !name.contains("\\")
                && name.chars().noneMatch(Character::isISOControl);
    }

    private static List<Path> photos(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
            }).sorted().toList();
        }
    }

    private String person(String externalId, String displayName) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(portal + "/api/v1/people/by-external-id/" + PortalSession.enc(externalId)))
                .header("Content-Type", "application/json")
                // a JSON write: the portal takes it with the session's token as a bearer (a page could not add this header)
                .header("Authorization", "Bearer " + session.token())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"displayName\":" + json(displayName) + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("could not create " + externalId + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    private Outcome enroll(String personId, String what, byte[] photo) throws IOException, InterruptedException {
        String boundary = "rollcall-" + UUID.randomUUID();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf-token\"\r\n\r\n" + session.csrf() + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        for (String[] field : new String[][] {{"consentVersion", consentVersion}, {"consentEvidence", consentEvidence}}) {
            b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"photo\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(photo);
        b.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(portal + "/api/v1/people/" + personId + "/photos"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(b.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            // the API's problem details say why (no face, quota, consent), not only the status
            String detail = r.body().contains("\"detail\"") ? ": " + r.body().replaceAll("(?s).*\"detail\":\"([^\"]*)\".*", "$1") : "";
            return new Outcome(what, "refused", (r.statusCode() == 422 ? "" : "HTTP " + r.statusCode()) + detail);
        }
        return new Outcome(what, r.body().replaceAll(".*\"status\":\"([^\"]+)\".*", "$1"), "");
    }

    private static void progress(int done, int total, List<Outcome> out) {
        int width = 30;
        int filled = total == 0 ? width : done * width / total;
        long refused = out.stream().filter(o -> o.status().equals("refused")).count();
        System.out.printf("\r[%s%s] %d/%d photos, %d refused", "#".repeat(filled), ".".repeat(width - filled), done, total, refused);
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }
}
