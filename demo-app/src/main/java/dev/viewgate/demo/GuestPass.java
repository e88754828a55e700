package dev.viewgate.demo;

/**
 * A guest's session state: the link's secret (kept server-side to re-exchange an expired token), the current guest
 * token, the view it was issued for, its grant, and what Viewgate told the app about that grant when the link was
 * opened (null when it could not be asked).
 */
public record GuestPass(String secret, String accessToken, String viewKey, String grantId, SharedLink link) {

    public GuestPass withToken(String token) {
        return new GuestPass(secret, token, viewKey, grantId, link);
    }
}
