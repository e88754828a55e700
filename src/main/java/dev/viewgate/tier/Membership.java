package dev.viewgate.tier;

import org.keycloak.models.UserModel;

/**
 * Who can be a member at all: a person's account. An app's service account and a guest grant's principal are not
 * members, whatever roles they are given: they have no tier, cannot ask for access, view as or decide.
 */
public final class Membership {

    /** The user attribute that marks a guest grant's principal (the guest package sets it). */
    public static final String GUEST_PRINCIPAL_ATTRIBUTE = "viewgate.guest";

    private Membership() {
    }

    public static boolean isMemberAccount(UserModel user) {
        return user != null && user.getServiceAccountClientLink() == null
                && user.getFirstAttribute(GUEST_PRINCIPAL_ATTRIBUTE) == null;
    }
}
