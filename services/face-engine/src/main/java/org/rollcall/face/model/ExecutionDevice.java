package org.rollcall.face.model;

import java.util.Locale;

/**
 * Where ONNX Runtime runs the models: {@code cpu}, or {@code cuda} / {@code cuda:N} for the
 * N-th GPU through the CUDA execution provider (needs the onnxruntime_gpu build, {@code -Pgpu}).
 */
public record ExecutionDevice(Kind kind, int index) {
    public enum Kind { CPU, CUDA }

    public static final ExecutionDevice CPU = new ExecutionDevice(Kind.CPU, 0);

    public ExecutionDevice {
        if (index < 0 || (kind == Kind.CPU && index != 0)) {
            throw new IllegalArgumentException("no device " + kind + ":" + index);
        }
    }

    /** {@code cpu}, {@code cuda} (GPU 0) or {@code cuda:N}; anything else is a clear error. */
    public static ExecutionDevice parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("cpu")) {
            return CPU;
        }
        if (s.equals("cuda")) {
            return new ExecutionDevice(Kind.CUDA, 0);
        }
        if (s.startsWith("cuda:")) {
            try {
                int n = Integer.parseInt(s.substring(5));
                if (n >= 0) {
                    return new ExecutionDevice(Kind.CUDA, n);
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException("device must be cpu, cuda or cuda:N, not '" + text + "'");
    }

    @Override
    public String toString() {
        return kind == Kind.CPU ? "cpu" : "cuda:" + index;
    }
}
