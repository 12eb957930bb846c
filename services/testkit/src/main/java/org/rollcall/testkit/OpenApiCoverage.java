package org.rollcall.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Compares a service's OpenAPI document with its JAX-RS resources: every operation (HTTP method
 * and path) of every resource class compiled into {@code target/classes} must be in the document.
 * Classes are found on disk and loaded by name, so a new resource is covered without being listed.
 */
public final class OpenApiCoverage {
    private OpenApiCoverage() {
    }

    /** "GET /api/v1/attendance/{id}" for every resource method under {@code classes} whose class passes {@code include}. */
    public static Set<String> operations(Path classes, ClassLoader loader, Predicate<Class<?>> include) {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c;
                try {
                    c = Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                jakarta.ws.rs.Path root = c.getAnnotation(jakarta.ws.rs.Path.class);
                if (root == null || c.isInterface() || Modifier.isAbstract(c.getModifiers()) || !include.test(c)) {
                    continue;
                }
                for (Method m : c.getMethods()) {
                    String verb = httpMethod(m);
                    if (verb != null) {
                        jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                        out.add(verb + " " + normalize(root.value() + "/" + (sub == null ? "" : sub.value())));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * What a running service's document at {@code /q/openapi} leaves out of the operations of its
     * resources (empty when it lists every one); {@code include} picks the resources that form the API.
     */
    public static Set<String> undocumented(String openApiJson, Class<?> anyClassOfTheService, Predicate<Class<?>> include) {
        Set<String> code = operations(Path.of("target", "classes"), anyClassOfTheService.getClassLoader(), include);
        if (code.isEmpty()) {
            throw new IllegalStateException("no resource found under target/classes: the comparison would prove nothing");
        }
        Set<String> missing = new TreeSet<>(code);
        missing.removeAll(documented(openApiJson));
        return missing;
    }

    /**
     * Against the running service under test: the document shows the contract example {@code file}
     * (services/events contracts/) as the example of that operation's answer, whatever its media type.
     */
    public static void assertExample(String method, String path, String status, String file) {
        String doc = io.restassured.RestAssured.given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        try {
            ObjectMapper json = new ObjectMapper();
            JsonNode content = json.readTree(doc).path("paths").path(path).path(method).path("responses").path(status).path("content");
            JsonNode expected = json.readTree(ContractExamples.example(file));
            boolean found = false;
            for (Iterator<JsonNode> it = content.elements(); it.hasNext();) {
                found |= expected.equals(it.next().path("example"));
            }
            org.junit.jupiter.api.Assertions.assertTrue(found, method + " " + path + " " + status + " does not show " + file + ": " + content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Against the running service under test (RestAssured's default port): /q/openapi is public and
     * lists every resource {@code include} picks, under the bearer scheme, and Swagger UI is served.
     */
    public static void assertListsEveryResource(Class<?> anyClassOfTheService, Predicate<Class<?>> include) {
        String doc = io.restassured.RestAssured.given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals(Set.of(), undocumented(doc, anyClassOfTheService, include),
                "operations the OpenAPI document leaves out");
        org.junit.jupiter.api.Assertions.assertEquals("bearer",
                io.restassured.path.json.JsonPath.from(doc).getString("components.securitySchemes.bearer.scheme"));
        io.restassured.RestAssured.given().get("/q/swagger-ui/").then().statusCode(200);
    }

    /** The operations an OpenAPI document (JSON) lists, in the same form. */
    public static Set<String> documented(String openApiJson) {
        Set<String> out = new TreeSet<>();
        try {
            JsonNode paths = new ObjectMapper().readTree(openApiJson).path("paths");
            for (Iterator<String> p = paths.fieldNames(); p.hasNext();) {
                String path = p.next();
                for (Iterator<String> v = paths.path(path).fieldNames(); v.hasNext();) {
                    String verb = v.next().toUpperCase(Locale.ROOT);
                    if (Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS").contains(verb)) {
                        out.add(verb + " " + normalize(path));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not an OpenAPI document: " + openApiJson, e);
        }
        return out;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            jakarta.ws.rs.HttpMethod h = a.annotationType().getAnnotation(jakarta.ws.rs.HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    /** One slash between segments, none at the end, {@code {id: regex}} as {@code {id}}. */
    static String normalize(String path) {
        String p = ("/" + path).replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
