package org.rollcall.identity.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A person who can sign in; the id is also their person id in attendance and recognition. */
@Entity
@Table(name = "app_user")
public class User extends PanacheEntityBase {
    public enum Role { ADMIN, MEMBER, PLATFORM }

    @Id
    public String id;
    @Column(name = "org_id")
    public String orgId;
    public String email;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "password_hash")
    public String passwordHash;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Role role;
    public boolean enabled = true;
    @Column(name = "failed_logins")
    public int failedLogins;
    @Column(name = "locked_until")
    public Instant lockedUntil;
    @Column(name = "created_at")
    public Instant createdAt = Instant.now();
    /** The user id of a known_faces/ import, if the person came from one. */
    @Column(name = "external_id")
    public String externalId;

    public static User byEmail(String email) {
        return find("lower(email) = ?1", email.trim().toLowerCase(java.util.Locale.ROOT)).firstResult();
    }

    /** Display names of an organization's people by id (pages show names, never raw ids). */
    public static java.util.Map<String, String> namesIn(String orgId) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        User.<User>list("orgId", orgId).forEach(p -> names.put(p.id, p.displayName));
        return names;
    }

    /** A user of the given organization, or null (never another organization's). */
    public static User inOrg(String orgId, String id) {
        return find("id = ?1 and orgId = ?2", id, orgId).firstResult();
    }
}
