package org.rollcall.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * asyncapi.yaml is what integrators read; the records are what the services write. Every message
 * with a JSON payload is compared with the record of its name field by field, nested objects too:
 * the same field names, every primitive field required, no nullable field required, the same enum
 * values; and every topic of {@link Topics} has a channel.
 */
class AsyncApiContractTest {
    private static JsonNode doc;

    @BeforeAll
    static void read() throws IOException {
        doc = new ObjectMapper(new YAMLFactory()).readTree(Path.of("asyncapi.yaml").toFile());
    }

    static Stream<String> messages() throws IOException {
        read();
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("components").path("messages").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> m = it.next();
            if ("object".equals(m.getValue().path("payload").path("type").asText())) {
                names.add(m.getKey());
            }
        }
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void eachMessageMatchesItsRecordFieldByField(String message) throws ClassNotFoundException {
        Class<?> record = Class.forName("org.rollcall.events." + message);
        assertTrue(record.isRecord(), message + " is not a record");
        List<String> problems = new ArrayList<>();
        compare(message, doc.path("components").path("messages").path(message).path("payload"), record, problems);
        assertEquals(List.of(), problems);
    }

    @Test
    void everyTopicHasAChannel() throws IllegalAccessException {
        Set<String> addresses = new TreeSet<>();
        doc.path("channels").forEach(c -> addresses.add(c.path("address").asText()));
        Set<String> missing = new TreeSet<>();
        for (Field f : Topics.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && ((String) f.get(null)).endsWith(".v1")) {
                if (!addresses.contains((String) f.get(null))) {
                    missing.add((String) f.get(null));
                }
            }
        }
        assertEquals(Set.of(), missing, "topics without a channel in asyncapi.yaml");
    }

    @Test
    void aRenamedFieldIsCaught() {
        // the comparison itself: a schema with one field renamed does not pass
        JsonNode payload = doc.path("components").path("messages").path("AttendanceEvent").path("payload").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) payload.path("properties")).set("checkin",
                payload.path("properties").path("checkIn"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) payload.path("properties")).remove("checkIn");
        List<String> problems = new ArrayList<>();
        compare("AttendanceEvent", payload, AttendanceEvent.class, problems);
        assertFalse(problems.isEmpty());
    }

    private static void compare(String where, JsonNode schema, Class<?> record, List<String> problems) {
        JsonNode props = schema.path("properties");
        Set<String> documented = new LinkedHashSet<>();
        props.fieldNames().forEachRemaining(documented::add);
        Set<String> fields = new LinkedHashSet<>();
        for (RecordComponent c : record.getRecordComponents()) {
            fields.add(c.getName());
        }
        if (!documented.equals(fields)) {
            problems.add(where + ": asyncapi has " + documented + ", the record " + fields);
            return;
        }
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (RecordComponent c : record.getRecordComponents()) {
            String path = where + "." + c.getName();
            JsonNode p = props.path(c.getName());
            boolean nullable = p.path("type").isArray() && Arrays.stream(new String[] {"null"})
                    .anyMatch(n -> p.path("type").toString().contains("\"" + n + "\""));
            if (c.getType().isPrimitive() && !required.contains(c.getName())) {
                problems.add(path + " is a " + c.getType() + " (always present) but not required");
            }
            if (nullable && required.contains(c.getName())) {
                problems.add(path + " may be null but is required");
            }
            if (c.getType().isEnum()) {
                Set<String> values = new TreeSet<>();
                p.path("enum").forEach(v -> values.add(v.asText()));
                Set<String> constants = new TreeSet<>();
                Arrays.stream(c.getType().getEnumConstants()).forEach(e -> constants.add(((Enum<?>) e).name()));
                if (!values.equals(constants)) {
                    problems.add(path + ": asyncapi enum " + values + ", the record " + constants);
                }
            }
            if (c.getType().isRecord()) {
                compare(path, p, c.getType(), problems);
            }
            Type generic = c.getGenericType();
            if (List.class.isAssignableFrom(c.getType()) && generic instanceof ParameterizedType pt
                    && pt.getActualTypeArguments()[0] instanceof Class<?> item && item.isRecord()) {
                compare(path + "[]", p.path("items"), item, problems);
            }
        }
        for (String r : required) {
            if (!fields.contains(r)) {
                problems.add(where + ": requires " + r + ", which the record does not have");
            }
        }
    }
}
