package org.rollcall.identity.directory;

/** What the directory API shows of people and sites (never e-mail addresses, passwords or photos). */
public final class DirectoryViews {
    private DirectoryViews() {
    }

    /**
     * A person: {@code id} is the personId of attendance records and events; {@code externalId} the
     * employee id of an import (null for people created in the portal); {@code enrolled} whether a
     * consented face photo is on file.
     */
    public record PersonView(String id, String externalId, String displayName, String role, boolean enrolled) {
    }

    /** A site: {@code zone} is the IANA time zone its attendance days and times are reckoned in. */
    public record SiteView(String id, String name, String zone) {
    }
}
