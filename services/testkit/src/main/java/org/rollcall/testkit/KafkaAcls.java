package org.rollcall.testkit;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.rollcall.events.kafka.KafkaAccess;

/** A service's {@link KafkaAccess} as the broker's ACLs, nothing more. */
final class KafkaAcls {
    private KafkaAcls() {
    }

    static List<AclBinding> of(KafkaAccess access) {
        String principal = "User:" + access.service();
        List<AclBinding> acls = new ArrayList<>();
        access.reads().forEach(t -> acls.add(allow(ResourceType.TOPIC, t, PatternType.LITERAL, principal, AclOperation.READ)));
        access.writes().forEach(t -> acls.add(allow(ResourceType.TOPIC, t, PatternType.LITERAL, principal, AclOperation.WRITE)));
        access.groups().forEach(g -> acls.add(allow(ResourceType.GROUP, g, PatternType.LITERAL, principal, AclOperation.READ)));
        for (String prefix : access.ownedPrefixes()) {
            for (AclOperation op : List.of(AclOperation.CREATE, AclOperation.WRITE, AclOperation.DESCRIBE)) {
                acls.add(allow(ResourceType.TOPIC, prefix, PatternType.PREFIXED, principal, op));
            }
        }
        return acls;
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, String principal, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern), new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }
}
