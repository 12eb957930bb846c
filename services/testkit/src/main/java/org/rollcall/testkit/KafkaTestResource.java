package org.rollcall.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a real in-JVM KRaft broker with the Rollcall topics and points the Quarkus app at it.
 * Tests reach the broker through a {@code @InjectKafka KafkaBroker} field (one broker per test class).
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
    private KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.start();
        broker.createRollcallTopics();
        // every kafka.* setting the services need: bootstrap, and on a SASL broker the credentials
        Map<String, String> config = new java.util.HashMap<>();
        broker.clientSettings().forEach((k, v) -> config.put("kafka." + k, v.toString()));
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(broker, new TestInjector.AnnotatedAndMatchesType(InjectKafka.class, KafkaBroker.class));
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
