package org.rollcall.identity.org;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "site")
public class Site extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "org_id")
    public String orgId;
    public String name;
    public String zone;
}
