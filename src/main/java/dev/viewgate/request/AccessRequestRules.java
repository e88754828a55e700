package dev.viewgate.request;

import dev.viewgate.tier.Tier;
import dev.viewgate.tier.TierService;
import dev.viewgate.web.Caller;
import dev.viewgate.web.ViewgateException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/** Who may decide, and what a member decider may grant. Keycloak admins on the admin API follow Keycloak's own rules. */
public final class AccessRequestRules {

    private final KeycloakSession session;
    private final RealmModel realm;

    public AccessRequestRules(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** 403 unless the caller's (simulated, during view-as) tier reaches {@code viewgate.decide.minTier} or they hold manage-users. */
    public void requireDecider(Caller caller) {
        TierService tiers = new TierService(session, realm);
        if (!tiers.accessOf(caller).can().decideRequests()) {
            throw ViewgateException.forbidden("not_a_decider", "Deciding access requests needs tier "
                    + tiers.settings().decideMinTier() + " or realm-management manage-users");
        }
    }

    /** The tier role named {@code roleName}; 400 {@code unknown_role} for anything else. */
    public RoleModel tierRole(String roleName) {
        TierService tiers = new TierService(session, realm);
        RoleModel role = roleName == null ? null : realm.getRole(roleName);
        if (role == null || tiers.ladder().byRole(roleName).isEmpty()) {
            throw ViewgateException.badRequest("unknown_role", "role must be one of the realm's tier roles: "
                    + tiers.ladder().tiers().stream().map(Tier::role).toList());
        }
        return role;
    }

    /** No decision on your own request; no grant above your own tier. */
    public void requireAllowedDecision(Caller decider, AccessRequestEntity request, RoleModel grantedRole) {
        if (decider.user().getId().equals(request.getRequesterId())) {
            throw ViewgateException.forbidden("self_decision", "Nobody decides their own access request");
        }
        if (grantedRole != null) {
            TierService tiers = new TierService(session, realm);
            Tier own = tiers.accessOf(decider).tier();
            Tier granted = tiers.ladder().byRole(grantedRole.getName()).orElseThrow();
            if (granted.isAbove(own)) {
                throw ViewgateException.forbidden("above_own_tier", "You may grant roles up to your own tier (T"
                        + own.level() + "); " + grantedRole.getName() + " is T" + granted.level());
            }
        }
    }
}
