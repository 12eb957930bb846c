package org.rollcall.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** float[] as base64 of little-endian float32. */
final class Float32Base64 {
    private Float32Base64() {
    }

    static String encode(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return Base64.getEncoder().encodeToString(buf.array());
    }

    static float[] decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("embedding is not valid base64", e);
        }
        if (bytes.length % Float.BYTES != 0) {
            throw new MalformedEventException("embedding length " + bytes.length + " is not a multiple of 4 bytes");
        }
        float[] out = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    static final class Serializer extends JsonSerializer<float[]> {
        @Override
        public void serialize(float[] value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(encode(value));
        }
    }

    static final class Deserializer extends JsonDeserializer<float[]> {
        @Override
        public float[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return decode(p.getValueAsString());
        }
    }
}
