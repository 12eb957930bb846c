package org.rollcall.events.kafka;

import java.util.HashMap;
import java.util.Map;

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
    /**
     * The Kafka extension fills in {@code group.id} with the application name for its channels; a
     * client built here sets its own group when it has one, and an assign-only reader must not
     * get one (it would auto-commit offsets under the service's name).
     */
    private static final String FRAMEWORK_DEFAULT_GROUP = "group.id";

    private final Map<String, Object> settings;

    private KafkaConnection(Map<String, Object> settings) {
        this.settings = settings;
    }

    /** From a service's Kafka settings; {@code bootstrap.servers} is required. */
    public static KafkaConnection of(Map<String, ?> kafkaSettings) {
        Map<String, Object> s = new HashMap<>();
        kafkaSettings.forEach((k, v) -> {
            if (!FRAMEWORK_DEFAULT_GROUP.equals(k) && v != null) {
                s.put(k, v);
            }
        });
        Object bootstrap = s.get("bootstrap.servers");
        if (bootstrap == null || bootstrap.toString().isBlank()) {
            throw new IllegalArgumentException("kafka.bootstrap.servers is not set");
        }
        return new KafkaConnection(Map.copyOf(s));
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

    @Override
    public String toString() {
        // never print credentials (sasl.jaas.config, ssl passwords)
        return "KafkaConnection[" + bootstrap() + ", " + settings.size() + " settings]";
    }
}
