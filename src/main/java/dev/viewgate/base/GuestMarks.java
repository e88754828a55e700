package dev.viewgate.base;

import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;

/**
 * How a guest is told from a member: its token carries {@code guest: true}, and its principal (the Keycloak user a
 * grant acts through) carries the grant attribute. Members carry neither.
 */
public final class GuestMarks {

    /** The claim that marks a guest token. */
    public static final String TOKEN_CLAIM = "guest";
    /** User attribute naming the grant a principal acts for. */
    public static final String PRINCIPAL_ATTRIBUTE = "viewgate.guest";

    private GuestMarks() {
    }

    public static boolean isGuest(UserModel user) {
        return user != null && user.getFirstAttribute(PRINCIPAL_ATTRIBUTE) != null;
    }

    public static boolean isGuestToken(AccessToken token) {
        return token != null && Boolean.TRUE.equals(token.getOtherClaims().get(TOKEN_CLAIM));
    }
}
