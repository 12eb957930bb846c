package org.rollcall.events;

import java.time.Instant;

/**
 * A camera, value of the compacted {@link Topics#CAMERAS}; a tombstone removes it. {@code siteZone}
 * (IANA id, optional) is the time zone of the camera's site: attendance takes local days from it.
 * The URL never carries credentials: they travel in {@code credentials}, sealed with
 * {@link CameraCredentials} (only identity and frame-ingest hold the key).
 */
public record CameraDefinition(
        int version,
        String cameraId,
        String orgId,
        String siteId,
        String name,
        Kind kind,
        String url,
        double fps,
        boolean enabled,
        Instant updatedAt,
        String siteZone,
        String credentials) {

    public static final int VERSION = 1;

    /** BROWSER cameras have no URL: the live page pushes frames over a WebSocket. */
    public enum Kind { RTSP, HTTP, USB, FILE, BROWSER }

    public CameraDefinition {
        Require.version(version, VERSION, "CameraDefinition");
        Require.text(cameraId, "cameraId");
        Require.text(orgId, "orgId");
        Require.text(siteId, "siteId");
        Require.text(name, "name");
        Require.present(kind, "kind");
        if (kind != Kind.BROWSER) {
            Require.present(url, "url");
            if (url.isBlank() || url.length() > 2000) {
                throw new MalformedEventException("url must be 1..2000 characters");
            }
            if (CameraCredentials.split(url).userInfo() != null) {
                throw new MalformedEventException("url carries credentials in clear; seal them in 'credentials'");
            }
        }
        Require.range(fps, 0.1, 60, "fps");
        Require.present(updatedAt, "updatedAt");
        if (siteZone != null) {
            try {
                java.time.ZoneId.of(siteZone);
            } catch (java.time.DateTimeException e) {
                throw new MalformedEventException("siteZone is not a time zone");
            }
        }
    }

    /** A camera whose site's time zone is not given (older producers): consumers use the organization's. */
    public CameraDefinition(int version, String cameraId, String orgId, String siteId, String name, Kind kind, String url,
            double fps, boolean enabled, Instant updatedAt) {
        this(version, cameraId, orgId, siteId, name, kind, url, fps, enabled, updatedAt, null, null);
    }

    /** A camera without credentials. */
    public CameraDefinition(int version, String cameraId, String orgId, String siteId, String name, Kind kind, String url,
            double fps, boolean enabled, Instant updatedAt, String siteZone) {
        this(version, cameraId, orgId, siteId, name, kind, url, fps, enabled, updatedAt, siteZone, null);
    }

    @Override
    public String toString() {
        // camera URLs often carry credentials (rtsp://user:pass@host): keep them out of logs
        return "CameraDefinition[" + cameraId + ", org=" + orgId + ", site=" + siteId + ", kind=" + kind
                + ", fps=" + fps + ", enabled=" + enabled + "]";
    }
}
