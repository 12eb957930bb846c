package org.rollcall.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a real PostgreSQL and points the Quarkus datasource at it: the service connects as its
 * own run-time role (its properties name it), Flyway migrates as the schema owner.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private Postgres postgres;

    @Override
    public Map<String, String> start() {
        postgres = Postgres.start();
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.password", postgres.runtimePassword(),
                "quarkus.flyway.username", postgres.user(),
                "quarkus.flyway.password", postgres.password());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(postgres, new TestInjector.AnnotatedAndMatchesType(InjectPostgres.class, Postgres.class));
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
