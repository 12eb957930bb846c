package org.rollcall.tools.importer;

import java.io.Console;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An organization admin signed in to the portal the way a browser is (cookies, the form's CSRF
 * token), for the operator commands that act through the portal's API (import, re-index).
 */
final class PortalSession {
    static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    final CookieManager cookies = new CookieManager();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).build();
    final String portal;
    private String csrf;

    PortalSession(String portal) {
        this.portal = portal;
    }

    /** ROLLCALL_PORTAL, or the local stack's portal. */
    static String portal() {
        return System.getenv().getOrDefault("ROLLCALL_PORTAL", "http://127.0.0.1:8080");
    }

    /** The admin's email and password from ROLLCALL_IMPORT_EMAIL / _PASSWORD, or asked on the console; null if neither. */
    static String[] credentials() {
        String email = System.getenv("ROLLCALL_IMPORT_EMAIL");
        String password = System.getenv("ROLLCALL_IMPORT_PASSWORD");
        Console console = System.console();
        if (email == null && console != null) {
            email = console.readLine("Admin email: ");
        }
        if (password == null && console != null) {
            char[] p = console.readPassword("Password: ");
            password = p == null ? null : new String(p);
        }
        return email == null || password == null ? null : new String[] {email, password};
    }

    void signIn(String email, String password) throws IOException, InterruptedException {
        page("/login");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(portal + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=" + enc(email) + "&password=" + enc(password) + "&csrf-token=" + enc(csrf)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 303 || !r.headers().firstValue("Location").orElse("").endsWith("/dashboard")) {
            throw new IllegalStateException("sign-in failed (an admin's email and password are needed): HTTP " + r.statusCode());
        }
        page("/people");
    }

    /** Reads a page and keeps its form's CSRF token (every response may set a new CSRF cookie). */
    void page(String path) throws IOException, InterruptedException {
        String body = http.send(HttpRequest.newBuilder(URI.create(portal + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = CSRF.matcher(body);
        if (m.find()) {
            csrf = m.group(1);
        }
    }

    String csrf() {
        return csrf;
    }

    /** The session token the sign-in set as a cookie. */
    String token() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().endsWith("rollcall_session"))
                .map(java.net.HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("signed in, but no session cookie was set"));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
