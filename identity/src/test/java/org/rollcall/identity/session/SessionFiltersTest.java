package org.rollcall.identity.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Finding (low, issue 16) "CSP allows any ws:": the policy names frame-ingest's socket only. */
class SessionFiltersTest {
    @Test
    void theLivePagesSocketIsTheOnlyOtherOriginAllowed() {
        // the laptop stack: ingest on this portal's host name, its own port (what live.js connects to)
        assertEquals("ws://portal.lan:8081", SessionFilters.ingestSource("ws://127.0.0.1:8081", "portal.lan:8080", false));
        assertEquals("ws://localhost:8081", SessionFilters.ingestSource("ws://localhost:8081", "localhost:8080", false));
        // behind TLS: wss, and a configured host stays what it is
        assertEquals("wss://rollcall.example.org", SessionFilters.ingestSource("wss://rollcall.example.org", "rollcall.example.org", true));
        assertEquals("wss://ingest.example.org:8443", SessionFilters.ingestSource("ws://ingest.example.org:8443", "portal.example.org", true));
    }
}
