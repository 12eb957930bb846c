package org.rollcall.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * JSON serde for every event record. Thread-safe. Decoding never throws anything but
 * {@link MalformedEventException}, whose message says what is wrong without echoing the payload.
 */
public final class EventCodec {
    /** Largest JSON message accepted; every real event is a few KiB. */
    public static final int MAX_BYTES = 256 * 1024;

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // additive fields within a version are allowed: old consumers ignore them
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public byte[] encode(Object event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    public <T> T decode(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new MalformedEventException(type.getSimpleName() + ": empty message");
        }
        if (json.length > MAX_BYTES) {
            throw new MalformedEventException(type.getSimpleName() + ": message of " + json.length + " bytes exceeds " + MAX_BYTES);
        }
        try {
            T value = mapper.readValue(json, type);
            if (value == null) {
                throw new MalformedEventException(type.getSimpleName() + ": null message");
            }
            return value;
        } catch (MalformedEventException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
                if (root instanceof MalformedEventException m) {
                    throw new MalformedEventException(type.getSimpleName() + ": " + m.getMessage(), e);
                }
            }
            throw new MalformedEventException(type.getSimpleName() + ": " + firstLine(e.getMessage()), e);
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "invalid JSON";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
