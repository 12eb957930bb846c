package org.rollcall.events.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a hand-built client gets from a service's kafka.* settings. */
class KafkaConnectionTest {
    private static final Map<String, Object> SERVICE = Map.of("bootstrap.servers", "kafka:9093", "security.protocol", "SASL_SSL",
            "sasl.jaas.config", "secret-login", "group.id", "rollcall-identity");

    @Test
    void everyConnectionSettingReachesTheClientWithItsOwnOnTop() {
        Map<String, Object> c = KafkaConnection.of(SERVICE).with(Map.of("client.id", "x", "security.protocol", "SASL_SSL"));
        assertEquals("kafka:9093", c.get("bootstrap.servers"));
        assertEquals("SASL_SSL", c.get("security.protocol"));
        assertEquals("secret-login", c.get("sasl.jaas.config"));
        assertEquals("x", c.get("client.id"));
    }

    @Test
    void theFrameworksDefaultGroupIsNotHandedOn() {
        assertFalse(KafkaConnection.of(SERVICE).with(Map.of()).containsKey("group.id"),
                "an assign-only reader would auto-commit under the service's name");
        assertEquals("recognition", KafkaConnection.of(SERVICE).with(Map.of("group.id", "recognition")).get("group.id"));
    }

    @Test
    void noBrokerIsAClearErrorAndCredentialsAreNeverPrinted() {
        assertThrows(IllegalArgumentException.class, () -> KafkaConnection.of(Map.of("security.protocol", "SSL")));
        assertFalse(KafkaConnection.of(SERVICE).toString().contains("secret"));
    }
}
