package dev.viewgate.tier;

import dev.viewgate.base.GuestMarks;
import org.keycloak.models.UserModel;

/**
 * Who can be a member at all: a person's account. An app's service account and a guest grant's principal are not
 * members, whatever roles they are given: they have no tier, cannot ask for access, view as or decide.
 */
public final class Membership {

    private Membership() {
    }

    public static boolean isMemberAccount(UserModel user) {
        return user != null && user.getServiceAccountClientLink() == null && !GuestMarks.isGuest(user);
    }
}
