package dev.viewgate.request;

import dev.viewgate.adapter.AdminAccess;
import dev.viewgate.base.Caller;
import dev.viewgate.base.ViewgateException;
import dev.viewgate.tier.Authority;
import dev.viewgate.tier.AuthorityRule.Holding;
import dev.viewgate.tier.TierService;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Who decides access requests, and by which rule; one exists only once its authority was checked. A member decider
 * (tier >= {@code viewgate.decide.minTier}, or realm-management {@code manage-users}) is bound by Viewgate's authority
 * rule with the access they act with now (the recomputed simulation during view as). A Keycloak admin on the admin
 * API is bound by Keycloak's own role-mapping rule instead: refused exactly what Keycloak's role-mapping API would
 * refuse them (map roles of the user; map the granted role and every tier role the grant removes).
 */
public final class Decider {

    private static final Logger LOG = Logger.getLogger(Decider.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Caller caller;
    private final AdminAccess admin;
    private final Holding holding;

    private Decider(KeycloakSession session, RealmModel realm, Caller caller, AdminAccess admin, Holding holding) {
        this.session = session;
        this.realm = realm;
        this.caller = caller;
        this.admin = admin;
        this.holding = holding;
    }

    /** A member deciding through the realm API or the queue page; 403 {@code not_a_decider} for everyone else. */
    public static Decider member(KeycloakSession session, Caller caller) {
        TierService.MemberAccess access = new TierService(session, caller.realm()).accessOf(caller);
        if (!access.can().decideRequests()) {
            LOG.debugf("Viewgate, realm '%s': %s (T%d) is no decider", caller.realm().getName(), caller.user().getUsername(),
                    access.tier().level());
            throw ViewgateException.forbidden("not_a_decider", "Deciding access requests needs tier "
                    + new TierService(session, caller.realm()).settings().decideMinTier() + " or realm-management manage-users");
        }
        Authority authority = new Authority(session, caller.realm());
        Holding holding = access.viewAs().isPresent() ? authority.simulatedHoldingOf(caller.user(), access.tier().level())
                : authority.realHoldingOf(caller.user());
        return new Decider(session, caller.realm(), caller, null, holding);
    }

    /** A Keycloak admin on the admin API; 403 unless they may view the realm's users. */
    public static Decider keycloakAdmin(KeycloakSession session, RealmModel realm, AdminAccess access) {
        access.requireViewUsers();
        return new Decider(session, realm, access.caller(), access, null);
    }

    Caller caller() {
        return caller;
    }

    /** Whether to offer {@code role} in the queue's role choice: a role this member decider could grant to someone. */
    boolean offers(RoleModel role) {
        return admin != null || new Authority(session, realm).mayGrantToSomeone(holding, role);
    }

    /** 403 unless this decider may decide on {@code requester}'s request at all: never their own. */
    void requireMayDecide(AccessRequestEntity request, UserModel requester) {
        if (caller.user().getId().equals(request.getRequesterId())) {
            throw ViewgateException.forbidden("self_decision", "Nobody decides their own access request");
        }
        if (admin != null) {
            admin.requireMapRoles(requester);
        }
    }

    /** 403 unless this decider may make {@code requester} hold {@code role}, which removes {@code replaced}. */
    void requireMayGrant(UserModel requester, RoleModel role, List<RoleModel> replaced) {
        if (admin != null) {
            admin.requireMapRoleWithWhatItCarries(role);
            replaced.forEach(admin::requireMapRole);
            return;
        }
        new Authority(session, realm).requireGrant(caller.user(), holding, requester, role);
    }
}
