package org.rollcall.face.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Just enough of the protobuf wire format to edit an ONNX file's graph (the ONNX Runtime Java API
 * has no model editor and protobuf-java is not otherwise needed): a message as its fields in file
 * order, where a length-delimited field keeps its bytes and can be parsed as a nested message.
 * Unknown fields survive a round trip byte for byte.
 */
final class ProtoMessage {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int BYTES = 2;
    static final int FIXED32 = 5;

    /** One field: a varint in {@code value}, or the bytes of a fixed or length-delimited one. */
    record Field(int tag, int wireType, long value, byte[] bytes) {
        static Field ofBytes(int tag, byte[] bytes) {
            return new Field(tag, BYTES, 0, bytes);
        }

        static Field ofString(int tag, String s) {
            return ofBytes(tag, s.getBytes(StandardCharsets.UTF_8));
        }

        String string() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        ProtoMessage message() {
            return ProtoMessage.parse(bytes);
        }
    }

    private final List<Field> fields;

    private ProtoMessage(List<Field> fields) {
        this.fields = fields;
    }

    static ProtoMessage of(Field... fields) {
        return new ProtoMessage(List.of(fields));
    }

    static ProtoMessage parse(byte[] data) {
        List<Field> fields = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < data.length) {
            long key = varint(data, pos);
            int tag = (int) (key >>> 3);
            int type = (int) (key & 7);
            switch (type) {
                case VARINT -> fields.add(new Field(tag, type, varint(data, pos), null));
                case FIXED64 -> fields.add(new Field(tag, type, 0, slice(data, pos, 8)));
                case FIXED32 -> fields.add(new Field(tag, type, 0, slice(data, pos, 4)));
                case BYTES -> {
                    long length = varint(data, pos);
                    if (length < 0 || length > data.length - pos[0]) {
                        throw new IllegalArgumentException("not a protobuf message: field " + tag + " runs past the end");
                    }
                    fields.add(Field.ofBytes(tag, slice(data, pos, (int) length)));
                }
                default -> throw new IllegalArgumentException("not a protobuf message: wire type " + type);
            }
        }
        return new ProtoMessage(fields);
    }

    List<Field> fields() {
        return fields;
    }

    List<Field> all(int tag) {
        return fields.stream().filter(f -> f.tag() == tag).toList();
    }

    /** The first field with this tag, or null. */
    Field first(int tag) {
        return fields.stream().filter(f -> f.tag() == tag).findFirst().orElse(null);
    }

    /** A copy with every field of this tag replaced by what {@code edit} returns (null drops it). */
    ProtoMessage replacing(int tag, UnaryOperator<Field> edit) {
        List<Field> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            Field g = f.tag() == tag ? edit.apply(f) : f;
            if (g != null) {
                out.add(g);
            }
        }
        return new ProtoMessage(out);
    }

    /** A copy with only the first field of this tag replaced by what {@code edit} returns. */
    ProtoMessage replacingFirst(int tag, UnaryOperator<Field> edit) {
        List<Field> out = new ArrayList<>(fields);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).tag() == tag) {
                out.set(i, edit.apply(out.get(i)));
                break;
            }
        }
        return new ProtoMessage(out);
    }

    /** A copy with each nested message of this tag edited. */
    ProtoMessage editingMessages(int tag, UnaryOperator<ProtoMessage> edit) {
        return replacing(tag, f -> Field.ofBytes(tag, edit.apply(f.message()).toBytes()));
    }

    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Field f : fields) {
            writeVarint(out, ((long) f.tag() << 3) | f.wireType());
            switch (f.wireType()) {
                case VARINT -> writeVarint(out, f.value());
                case BYTES -> {
                    writeVarint(out, f.bytes().length);
                    out.writeBytes(f.bytes());
                }
                default -> out.writeBytes(f.bytes());
            }
        }
        return out.toByteArray();
    }

    private static byte[] slice(byte[] data, int[] pos, int n) {
        if (n > data.length - pos[0]) {
            throw new IllegalArgumentException("not a protobuf message: truncated");
        }
        byte[] b = java.util.Arrays.copyOfRange(data, pos[0], pos[0] + n);
        pos[0] += n;
        return b;
    }

    private static long varint(byte[] data, int[] pos) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= data.length) {
                throw new IllegalArgumentException("not a protobuf message: truncated varint");
            }
            byte b = data[pos[0]++];
            v |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("not a protobuf message: varint too long");
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
