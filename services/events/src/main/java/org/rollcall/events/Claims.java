package org.rollcall.events;

/**
 * The JWT contract between identity (the issuer) and every service that verifies its tokens.
 * {@code sub} is the user id, which is also the person id attendance and recognition use.
 */
public final class Claims {
    /** Default issuer; deployments set ROLLCALL_JWT_ISSUER on every service alike. */
    public static final String ISSUER = "https://rollcall.local/identity";
    public static final String AUDIENCE = "rollcall";
    /** The caller's organization id: every query is scoped by it. */
    public static final String ORG = "org";
    /** Roles, as the MicroProfile JWT "groups" claim. */
    public static final String GROUPS = "groups";

    /** The portal's session cookie (HttpOnly JWT); the __Host- form is used over https. */
    public static final String SESSION_COOKIE = "rollcall_session";
    public static final String SECURE_SESSION_COOKIE = "__Host-rollcall_session";

    private Claims() {
    }

    /** Role names carried in {@link #GROUPS}. */
    public static final class Roles {
        /** Organization administrator: everything within the organization. */
        public static final String ADMIN = "admin";
        /** A person of the organization: their own data. */
        public static final String MEMBER = "member";
        /** May enroll face templates (identity's portal acts with this role). */
        public static final String ENROLLER = "enroller";
        /** An integrator's API key; what it may do is its {@link Scopes}, carried beside this role. */
        public static final String INTEGRATOR = "integrator";
        /** A service (identity) acting for any organization it names, e.g. the live page feed. */
        public static final String SERVICE = "service";

        private Roles() {
        }
    }

    /**
     * What an API key may do, chosen by the admin who creates it. An integrator's token carries its
     * key's scopes in {@link #GROUPS} beside {@link Roles#INTEGRATOR} (so each endpoint names the
     * scope it needs as a role) and, space-separated, in {@link #SCOPE}.
     */
    public static final class Scopes {
        /** Attendance records, summaries and the CSV of the whole organization. */
        public static final String ATTENDANCE_READ = "attendance:read";
        /** People (with their external ids), sites (with their time zones) and cameras' states. */
        public static final String PEOPLE_READ = "people:read";
        /** Manual attendance entries (with a reason, audited under the key). */
        public static final String ATTENDANCE_WRITE = "attendance:write";
        /** Every scope, in the order the portal offers them. */
        public static final java.util.List<String> ALL = java.util.List.of(ATTENDANCE_READ, PEOPLE_READ, ATTENDANCE_WRITE);

        private Scopes() {
        }
    }

    /** The OAuth-style space-separated scope claim of an integrator token. */
    public static final String SCOPE = "scope";
}
