package org.rollcall.events.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How a service reaches Kafka: its {@code kafka.*} settings (bootstrap servers, and whatever the
 * deployment adds: {@code security.protocol}, {@code sasl.*}, {@code ssl.*}, client rack...), handed
 * to every client the service builds, so TLS and SASL are configuration, never code. A client adds
 * only what its role needs (serializers, acks, group, client id) on top.
 *
 * <p>In a Quarkus service this comes from the Kafka extension's {@code default-kafka-broker}
 * settings, the same that the messaging channels use.
 */
public final class KafkaConnection {
    /** Keys of the map that belong to the framework, not to Kafka clients. */
    private static final Set<String> NOT_CLIENT_SETTINGS = Set.of("health.enabled", "health.timeout", "snappy.enabled",
            "devservices.enabled");

    private final Map<String, Object> settings;

    private KafkaConnection(Map<String, Object> settings) {
        this.settings = settings;
    }

    /** From a service's Kafka settings; {@code bootstrap.servers} is required. */
    public static KafkaConnection of(Map<String, ?> kafkaSettings) {
        Map<String, Object> s = new HashMap<>();
        kafkaSettings.forEach((k, v) -> {
            if (!NOT_CLIENT_SETTINGS.contains(k) && v != null) {
                s.put(k, v);
            }
        });
        Object bootstrap = s.get("bootstrap.servers");
        if (bootstrap == null || bootstrap.toString().isBlank()) {
            throw new IllegalArgumentException("kafka.bootstrap.servers is not set");
        }
        return new KafkaConnection(Map.copyOf(s));
    }

    /** Only a broker address (tools and tests without any other setting). */
    public static KafkaConnection plain(String bootstrap) {
        return of(Map.of("bootstrap.servers", bootstrap));
    }

    public String bootstrap() {
        return settings.get("bootstrap.servers").toString();
    }

    /** The connection settings with a client's own on top. */
    public Map<String, Object> with(Map<String, ?> clientSettings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.putAll(clientSettings);
        return all;
    }

    /** The connection settings alone (for an admin client). */
    public Map<String, Object> settings() {
        return settings;
    }

    @Override
    public String toString() {
        // never print credentials (sasl.jaas.config, ssl passwords)
        return "KafkaConnection[" + bootstrap() + ", " + settings.size() + " settings]";
    }
}
