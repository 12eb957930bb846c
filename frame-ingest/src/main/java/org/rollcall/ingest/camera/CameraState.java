package org.rollcall.ingest.camera;

/** Where a camera's stream is. */
public enum CameraState { CONNECTING, CONNECTED, RECONNECTING, FAILED, STOPPED, WAITING_FOR_BROWSER }
