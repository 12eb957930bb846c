package org.rollcall.identity.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "organization")
public class Organization extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public boolean enabled = true;
    @Column(name = "created_at")
    public Instant createdAt = Instant.now();
}
