package org.rollcall.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.rollcall.events.Claims;

/**
 * The services' secrets, fresh per test class: a JWT signing key (the service verifies with its
 * public half) and the key that seals camera credentials.
 */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {
    private TestTokens tokens;
    private Path publicKey;
    private Path privateKey;

    @Override
    public Map<String, String> start() {
        tokens = new TestTokens(Claims.ISSUER);
        try {
            publicKey = Files.createTempFile("rollcall-jwt", ".pem");
            Files.writeString(publicKey, tokens.publicKeyPem());
            privateKey = Files.createTempFile("rollcall-jwt-private", ".pem");
            Files.writeString(privateKey, tokens.privateKeyPem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("mp.jwt.verify.publickey.location", publicKey.toUri().toString(),
                "smallrye.jwt.sign.key.location", privateKey.toUri().toString(),
                "mp.jwt.verify.issuer", tokens.issuer(),
                "rollcall.cameras.credentials-key", java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(tokens, new TestInjector.AnnotatedAndMatchesType(InjectTokens.class, TestTokens.class));
    }

    @Override
    public void stop() {
        try {
            if (publicKey != null) {
                Files.deleteIfExists(publicKey);
            }
            if (privateKey != null) {
                Files.deleteIfExists(privateKey);
            }
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
