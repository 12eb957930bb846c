package org.rollcall.face.model;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * The device the models run on: the one asked for, or the CPU when a GPU was asked for and
 * cannot be used here (a CPU build of ONNX Runtime, no GPU, no CUDA runtime), with the reason.
 */
public record DeviceChoice(ExecutionDevice requested, ExecutionDevice used, String fallbackReason) {

    public boolean fellBack() {
        return !requested.equals(used);
    }

    /** Tries the requested device's execution provider once; never throws for a missing GPU. */
    public static DeviceChoice resolve(ExecutionDevice requested) {
        if (requested.kind() == ExecutionDevice.Kind.CPU) {
            return new DeviceChoice(requested, requested, null);
        }
        try (OrtSession.SessionOptions probe = new OrtSession.SessionOptions()) {
            probe.addCUDA(requested.index());
            return new DeviceChoice(requested, requested, null);
        } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            return new DeviceChoice(requested, ExecutionDevice.CPU, why);
        }
    }
}
