package org.rollcall.face.model;

/**
 * DJL contacts a cloud metadata address when its engine starts unless told it is offline.
 * Rollcall makes no network calls nobody asked for, so this runs before any DJL class loads.
 */
public final class DjlOffline {
    private DjlOffline() {
    }

    public static void apply() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        // never let DJL look for or download other engines
        System.setProperty("ai.djl.default_engine", "OnnxRuntime");
    }
}
