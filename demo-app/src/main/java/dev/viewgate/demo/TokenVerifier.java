package dev.viewgate.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Set;

/**
 * Validates the realm's tokens with nimbus-jose-jwt against the realm's JWKS: signature, issuer, expiry; access
 * tokens must have been issued to this app ({@code azp}), ID tokens must name it as audience and carry our nonce.
 */
public final class TokenVerifier {

    /** A token that failed validation. */
    public static final class InvalidTokenException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidTokenException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.EdDSA);

    private final String clientId;
    private final ConfigurableJWTProcessor<SecurityContext> accessTokens;
    private final ConfigurableJWTProcessor<SecurityContext> idTokens;

    public TokenVerifier(AppConfig config) {
        this.clientId = config.clientId();
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(URI.create(config.oidcUrl("certs")).toURL()).retrying(true).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Bad Keycloak URL " + config.keycloakUrl(), e);
        }
        JWTClaimsSet issuer = new JWTClaimsSet.Builder().issuer(config.realmUrl()).build();
        this.accessTokens = processor(keys, new DefaultJWTClaimsVerifier<>(issuer, Set.of("exp", "iat", "sub", "azp")));
        this.idTokens = processor(keys, new DefaultJWTClaimsVerifier<>(Set.of(clientId), issuer, Set.of("exp", "iat", "sub", "nonce"), null));
    }

    private static ConfigurableJWTProcessor<SecurityContext> processor(JWKSource<SecurityContext> keys,
                                                                        DefaultJWTClaimsVerifier<SecurityContext> claims) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
    }

    /** An access token of this realm issued to this app (members' and guests' alike). */
    public JWTClaimsSet accessToken(String token) throws InvalidTokenException {
        JWTClaimsSet claims = process(accessTokens, token);
        Object azp = claims.getClaim("azp");
        if (!clientId.equals(azp)) {
            throw new InvalidTokenException("Token was issued to " + azp + ", not to " + clientId, null);
        }
        return claims;
    }

    /** An ID token naming this app as audience and carrying the nonce we sent. */
    public JWTClaimsSet idToken(String token, String expectedNonce) throws InvalidTokenException {
        JWTClaimsSet claims = process(idTokens, token);
        Object nonce = claims.getClaim("nonce");
        if (!(nonce instanceof String value) || !Randoms.same(value, expectedNonce)) {
            throw new InvalidTokenException("ID token nonce does not match", null);
        }
        return claims;
    }

    private static JWTClaimsSet process(ConfigurableJWTProcessor<SecurityContext> processor, String token)
            throws InvalidTokenException {
        try {
            return processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidTokenException("Invalid token: " + e.getMessage(), e);
        }
    }
}
