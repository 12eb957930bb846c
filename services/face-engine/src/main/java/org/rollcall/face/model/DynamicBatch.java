package org.rollcall.face.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;
import org.rollcall.face.model.ProtoMessage.Field;

/**
 * Opens the batch axis of an ONNX model exported with batch size 1, so that one inference can run
 * several faces (what a GPU needs to be busy). Two edits, both on the graph's declarations only:
 * the first dimension of each graph input and output becomes the symbolic "batch" where it was
 * 1, and a Reshape whose constant target shape starts with 1 gets 0 there ("copy the input's
 * dimension"), which is the batch for a model like fr_feature ending in Reshape(x, [1, -1]).
 * The weights are untouched; the test proves a batch of N answers exactly what N single runs do.
 */
final class DynamicBatch {
    // onnx.proto field numbers
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTRIBUTE_NAME = 1;
    private static final int ATTRIBUTE_INT = 3;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_INT64 = 7;
    private static final int VALUE_NAME = 1;
    private static final int VALUE_TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;
    private static final int INT64 = 7;

    private DynamicBatch() {
    }

    static byte[] open(byte[] model) {
        ProtoMessage m = ProtoMessage.parse(model);
        if (m.first(MODEL_GRAPH) == null) {
            throw new IllegalArgumentException("not an ONNX model: no graph");
        }
        return m.editingMessages(MODEL_GRAPH, DynamicBatch::openGraph).toBytes();
    }

    private static ProtoMessage openGraph(ProtoMessage graph) {
        Set<String> initializers = new HashSet<>();
        for (Field f : graph.all(GRAPH_INITIALIZER)) {
            Field name = f.message().first(TENSOR_NAME);
            if (name != null) {
                initializers.add(name.string());
            }
        }
        Set<String> reshapeTargets = new HashSet<>();
        for (Field f : graph.all(GRAPH_NODE)) {
            ProtoMessage node = f.message();
            Field op = node.first(NODE_OP_TYPE);
            var inputs = node.all(NODE_INPUT);
            if (op != null && op.string().equals("Reshape") && inputs.size() == 2 && !allowsZero(node)) {
                reshapeTargets.add(inputs.get(1).string());
            }
        }
        return graph
                .editingMessages(GRAPH_INPUT, v -> initializers.contains(name(v)) ? v : openFirstDim(v))
                .editingMessages(GRAPH_OUTPUT, DynamicBatch::openFirstDim)
                .editingMessages(GRAPH_INITIALIZER, t -> reshapeTargets.contains(tensorName(t)) ? keepBatch(t) : t);
    }

    private static boolean allowsZero(ProtoMessage node) {
        for (Field f : node.all(NODE_ATTRIBUTE)) {
            ProtoMessage a = f.message();
            Field name = a.first(ATTRIBUTE_NAME);
            Field i = a.first(ATTRIBUTE_INT);
            if (name != null && name.string().equals("allowzero") && i != null && i.value() != 0) {
                return true;
            }
        }
        return false;
    }

    private static String name(ProtoMessage valueInfo) {
        Field f = valueInfo.first(VALUE_NAME);
        return f == null ? "" : f.string();
    }

    private static String tensorName(ProtoMessage tensor) {
        Field f = tensor.first(TENSOR_NAME);
        return f == null ? "" : f.string();
    }

    /** ValueInfoProto.type.tensor_type.shape.dim[0]: 1 becomes the symbol "batch". */
    private static ProtoMessage openFirstDim(ProtoMessage valueInfo) {
        return valueInfo.editingMessages(VALUE_TYPE, type -> type.editingMessages(TYPE_TENSOR,
                tensor -> tensor.editingMessages(TENSOR_TYPE_SHAPE, shape -> shape.replacingFirst(SHAPE_DIM, dim -> {
                    Field value = dim.message().first(DIM_VALUE);
                    return value != null && value.value() == 1
                            ? Field.ofBytes(SHAPE_DIM, ProtoMessage.of(Field.ofString(DIM_PARAM, "batch")).toBytes())
                            : dim;
                }))));
    }

    /** A constant int64 Reshape target [1, ...] becomes [0, ...]. */
    private static ProtoMessage keepBatch(ProtoMessage tensor) {
        Field type = tensor.first(TENSOR_DATA_TYPE);
        if (type == null || type.value() != INT64) {
            return tensor;
        }
        Field raw = tensor.first(TENSOR_RAW_DATA);
        if (raw != null && raw.bytes().length >= Long.BYTES) {
            ByteBuffer b = ByteBuffer.wrap(raw.bytes().clone()).order(ByteOrder.LITTLE_ENDIAN);
            if (b.getLong(0) != 1) {
                return tensor;
            }
            b.putLong(0, 0);
            return tensor.replacing(TENSOR_RAW_DATA, f -> Field.ofBytes(TENSOR_RAW_DATA, b.array()));
        }
        Field first = tensor.first(TENSOR_INT64);
        if (first != null && first.wireType() == ProtoMessage.VARINT && first.value() == 1) {
            return tensor.replacingFirst(TENSOR_INT64, f -> new Field(TENSOR_INT64, ProtoMessage.VARINT, 0, null));
        }
        return tensor;
    }
}
