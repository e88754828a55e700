package dev.viewgate.demo;

/**
 * A guest's session state: the link's secret (kept server-side to re-exchange an expired token), the current guest
 * token, and the view it was issued for.
 */
public record GuestPass(String secret, String accessToken, String viewKey, String grantId) {
}
