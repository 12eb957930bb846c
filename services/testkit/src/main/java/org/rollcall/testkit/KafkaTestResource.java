package org.rollcall.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * Starts a real in-JVM KRaft broker with the Rollcall topics and points the Quarkus app at it as
 * the service it is (its {@code quarkus.application.name} without {@code rollcall-}): on a SCRAM
 * broker that service's own user, with only its {@link org.rollcall.events.kafka.KafkaAccess} ACLs.
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
        broker.serviceSettings(service()).forEach((k, v) -> config.put("kafka." + k, v.toString()));
        return config;
    }

    /** Which service this module is, from its own application.properties. */
    private static String service() {
        Properties app = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("no application.properties on the test class path");
            }
            app.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return app.getProperty("quarkus.application.name", "").replaceFirst("^rollcall-", "");
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
