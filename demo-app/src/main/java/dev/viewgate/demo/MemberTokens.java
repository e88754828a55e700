package dev.viewgate.demo;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Instant;

/** A signed-in member's tokens and what the (validated) access token says about them. */
public record MemberTokens(String accessToken, String refreshToken, String idToken, Instant expiresAt,
                           String subject, String username, int tier, ViewAsState viewAs) {

    /** Built from a validated access token's claims. */
    public static MemberTokens of(String accessToken, String refreshToken, String idToken, JWTClaimsSet claims) {
        String username;
        try {
            username = claims.getStringClaim("preferred_username");
        } catch (ParseException e) {
            username = null;
        }
        return new MemberTokens(accessToken, refreshToken, idToken, claims.getExpirationTime().toInstant(),
                claims.getSubject(), username == null ? claims.getSubject() : username,
                Tiers.fromClaim(claims.getClaim("tier")), ViewAsState.fromClaim(claims.getClaim("view_as")));
    }

    /** Expired, or expiring within the next few seconds. */
    public boolean expiresSoon(Instant now) {
        return !now.plusSeconds(5).isBefore(expiresAt);
    }
}
