package org.rollcall.face.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The device setting, and the fallback when a GPU is asked for on a machine or build without one. */
class ExecutionDeviceTest {
    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource({"cpu, cpu", "CPU, cpu", " cpu , cpu", "cuda, cuda:0", "cuda:0, cuda:0", "cuda:3, cuda:3", "CUDA:1, cuda:1"})
    void settings(String text, String device) {
        assertEquals(device, ExecutionDevice.parse(text).toString());
    }

    @ParameterizedTest(name = "[{0}] refused")
    @ValueSource(strings = {"gpu", "cuda:", "cuda:-1", "cuda:x", "cuda0", "tpu", ""})
    void unknownDevicesAreAClearError(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExecutionDevice.parse(text));
        assertTrue(e.getMessage().contains("cpu, cuda or cuda:N"), e.getMessage());
    }

    @Test
    void theCpuIsUsedAsAsked() {
        DeviceChoice c = DeviceChoice.resolve(ExecutionDevice.CPU);
        assertEquals(ExecutionDevice.CPU, c.used());
        assertFalse(c.fellBack());
        assertNull(c.fallbackReason());
    }

    /** This build and machine have no CUDA (the default build is onnxruntime's CPU build). */
    @Test
    void aGpuThatCannotBeUsedFallsBackToTheCpuWithAReason() {
        DeviceChoice c = DeviceChoice.resolve(ExecutionDevice.parse("cuda:0"));
        assertEquals("cuda:0", c.requested().toString());
        assertEquals(ExecutionDevice.CPU, c.used());
        assertTrue(c.fellBack());
        assertFalse(c.fallbackReason().isBlank(), "the reason is said");
    }
}
