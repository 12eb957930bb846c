package org.rollcall.identity;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like HTTP client: keeps cookies and fills in the CSRF token of the last form it saw. */
final class Visitor {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    final Map<String, String> cookies = new HashMap<>();
    String csrf;

    Response get(String path) {
        Response r = spec().redirects().follow(false).get(path);
        keep(r);
        Matcher m = CSRF.matcher(r.asString());
        if (m.find()) {
            csrf = m.group(1);
        }
        return r;
    }

    /** Posts a form with the page's CSRF token (fetch the form's page first). */
    Response post(String path, Map<String, String> form) {
        Map<String, String> f = new HashMap<>(form);
        if (csrf != null) {
            f.put("csrf-token", csrf);
        }
        return postRaw(path, f);
    }

    /** Posts a form with the page's CSRF token as a client behind the trusted proxy at {@code address} (X-Forwarded-For). */
    Response postFrom(String address, String path, Map<String, String> form) {
        Map<String, String> f = new HashMap<>(form);
        f.put("csrf-token", csrf);
        Response r = spec().header("X-Forwarded-For", address).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParams(f).post(path);
        keep(r);
        return r;
    }

    Response postRaw(String path, Map<String, String> form) {
        Response r = spec().redirects().follow(false).contentType("application/x-www-form-urlencoded").formParams(form).post(path);
        keep(r);
        return r;
    }

    RequestSpecification spec() {
        return given().cookies(cookies);
    }

    void keep(Response r) {
        r.getDetailedCookies().asList().forEach(c -> {
            if (c.getMaxAge() == 0 || c.getValue().isEmpty()) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
            }
        });
    }

    static Visitor registered(String org, String name, String email, String password) {
        Visitor v = new Visitor();
        v.get("/register");
        Response r = v.post("/register", Map.of("orgName", org, "displayName", name, "email", email, "password", password));
        if (r.statusCode() != 303) {
            throw new AssertionError("registration failed: " + r.statusCode() + " " + r.asString());
        }
        return v;
    }
}
