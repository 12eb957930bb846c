package org.rollcall.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The example answers of services/events {@code contracts/} and the field paths of any JSON
 * answer ("box.x", "items[].checkIn"), so a server's test and a client's test compare the same
 * shape.
 */
public final class ContractExamples {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContractExamples() {
    }

    /** The example's text, e.g. {@code example("attendance-summary.json")}. */
    public static String example(String name) {
        try (InputStream in = ContractExamples.class.getClassLoader().getResourceAsStream("contracts/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract example " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every field path of a JSON document (array elements merged under "[]"). */
    public static Set<String> paths(String json) {
        try {
            Set<String> out = new TreeSet<>();
            collect(JSON.readTree(json), "", out);
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    private static void collect(JsonNode n, String prefix, Set<String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                String path = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
                out.add(path);
                collect(f.getValue(), path, out);
            }
        } else if (n.isArray()) {
            for (JsonNode e : n) {
                collect(e, prefix + "[]", out);
            }
        }
    }
}
