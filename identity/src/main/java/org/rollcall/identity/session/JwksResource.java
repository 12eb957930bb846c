package org.rollcall.identity.session;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rollcall.identity.IdentityConfig;

/** The public key as a JWKS, for services and integrators that verify Rollcall tokens. */
@jakarta.ws.rs.Path("/.well-known/jwks.json")
@Tag(name = "Tokens")
public class JwksResource {
    private final Map<String, Object> jwks;

    public JwksResource(@ConfigProperty(name = "mp.jwt.verify.publickey.location") String location, IdentityConfig config)
            throws Exception {
        String pem = Files.readString(java.nio.file.Path.of(java.net.URI.create(location.startsWith("file:") ? location : "file:" + location)));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        this.jwks = Map.of("keys", List.of(Map.of("kty", "RSA", "use", "sig", "alg", "RS256", "kid", config.keyId(),
                "n", b64.encodeToString(unsigned(key.getModulus().toByteArray())),
                "e", b64.encodeToString(unsigned(key.getPublicExponent().toByteArray())))));
    }

    private static byte[] unsigned(byte[] b) {
        return b.length > 1 && b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    @Operation(summary = "The token signing keys (JWKS)",
            description = "The RS256 public key every service verifies Rollcall tokens with.")
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> keys() {
        return jwks;
    }
}
