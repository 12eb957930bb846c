package org.rollcall.tools.topics;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.rollcall.events.TopicSpec;
import org.rollcall.events.kafka.TopicProvisioner;

/**
 * {@code deploy/rollcall topics}: creates or corrects every topic of {@link TopicSpec#ALL} on the
 * broker the services use. The connection comes from the same environment the services read:
 * KAFKA_BOOTSTRAP_SERVERS and any other KAFKA_* setting (KAFKA_SECURITY_PROTOCOL,
 * KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG, KAFKA_SSL_TRUSTSTORE_LOCATION, ...), named as
 * Quarkus maps them. The user needs the right to create and alter topics (an operator's, never
 * a service's).
 */
public final class CreateTopics {
    private CreateTopics() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> settings = fromEnvironment(System.getenv());
        try (Admin admin = Admin.create(settings)) {
            for (TopicProvisioner.Outcome o : new TopicProvisioner(admin).apply(TopicSpec.ALL)) {
                System.out.printf("%-45s %-9s %s%n", o.topic(), o.action(), String.join("; ", o.changes()));
            }
        }
    }

    /** KAFKA_SASL_JAAS_CONFIG -> sasl.jaas.config; the bootstrap defaults to the local broker. */
    static Map<String, Object> fromEnvironment(Map<String, String> env) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("bootstrap.servers", "127.0.0.1:9092");
        env.forEach((k, v) -> {
            if (k.startsWith("KAFKA_") && !v.isBlank()) {
                settings.put(k.substring(6).toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        settings.put("client.id", "rollcall-topics");
        return settings;
    }
}
