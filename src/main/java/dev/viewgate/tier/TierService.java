package dev.viewgate.tier;

import dev.viewgate.base.Caller;
import dev.viewgate.base.ViewAsNotes;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/** Tiers of one realm: its ladder, its settings, and the tier of a member. */
public final class TierService {

    private static final Logger LOG = Logger.getLogger(TierService.class);

    /** What a member may do in Viewgate, derived from their tier and the realm's thresholds. */
    public record Capabilities(boolean viewAsTier, boolean viewAsUser, boolean decideRequests, boolean share) {
    }

    /**
     * The access Viewgate's permission checks use: the simulated tier while a view-as is active on the caller's
     * session and still within what they really hold (with no administrative role: those are never part of a
     * simulation), the real one otherwise. In member mode the simulated tier is the viewed member's tier now.
     */
    public record MemberAccess(Tier tier, Capabilities can, Optional<ViewAsNotes.State> viewAs) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    public TierService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The realm's ladder, computed once per request. */
    public TierLadder ladder() {
        String key = "viewgate.tierLadder." + realm.getId();
        TierLadder cached = session.getAttribute(key, TierLadder.class);
        if (cached != null) {
            return cached;
        }
        List<TierLadder.Candidate> candidates = realm.getRolesStream()
                .map(role -> new TierLadder.Candidate(role.getName(),
                        role.getFirstAttribute(TierLadder.TIER_ATTRIBUTE), role.getDescription()))
                .toList();
        TierLadder ladder = TierLadder.of(candidates,
                problem -> LOG.warnf("Viewgate, realm '%s': %s", realm.getName(), problem));
        session.setAttribute(key, ladder);
        return ladder;
    }

    public ViewgateSettings settings() {
        return ViewgateSettings.from(realm::getAttribute,
                problem -> LOG.warnf("Viewgate, realm '%s': %s", realm.getName(), problem));
    }

    /**
     * The highest tier among the member's effective realm roles (composites and groups count); none for service
     * accounts and guest principals, which are no members whatever roles they hold.
     */
    public Tier tierOf(UserModel user) {
        return Membership.isMemberAccount(user) ? tierOf(EffectiveRoles.of(user)) : Tier.NONE;
    }

    public Tier tierOf(EffectiveRoles roles) {
        return ladder().highestHeld(roleName -> roles.holds(realm.getRole(roleName)));
    }

    public Capabilities capabilitiesOf(UserModel user, Tier tier) {
        return capabilities(tier, canManageUsers(user));
    }

    public MemberAccess accessOf(Caller caller) {
        return accessOf(caller.user(), caller.session());
    }

    /**
     * Recomputes the view-as of {@code userSession} against what {@code user} really holds now; one that exceeds it
     * is ended (see {@link SimulationOutgrown}) and the real access applies.
     */
    public MemberAccess accessOf(UserModel user, UserSessionModel userSession) {
        Optional<ViewAsNotes.State> viewAs = ViewAsNotes.active(userSession);
        if (viewAs.isPresent()) {
            ViewAsNotes.State state = viewAs.get();
            AuthorityRule.Verdict verdict = new Authority(session, realm).simulation(user, state);
            if (verdict.allowed()) {
                Tier simulated = state.isUserMode() ? tierOf(session.users().getUserById(realm, state.userId()))
                        : ladder().byLevel(state.tier()).orElse(Tier.NONE);
                ViewAsNotes.State now = new ViewAsNotes.State(state.mode(), simulated.level(), state.userId(),
                        state.username(), state.startedAt(), state.expiresAt());
                return new MemberAccess(simulated, capabilities(simulated, false), Optional.of(now));
            }
            LOG.debugf("Viewgate, realm '%s': the view-as of %s (%s, T%d) exceeds what they hold now (%s); it ends",
                    realm.getName(), user.getUsername(), state.mode(), state.tier(), verdict);
            session.getKeycloakSessionFactory().publish(new SimulationOutgrown(session, realm, userSession, user, verdict));
        }
        Tier real = tierOf(user);
        return new MemberAccess(real, capabilitiesOf(user, real), Optional.empty());
    }

    private Capabilities capabilities(Tier tier, boolean managesUsers) {
        ViewgateSettings settings = settings();
        int level = tier.level();
        return new Capabilities(
                tier.isMember() && level >= settings.viewAsTierMinTier(),
                tier.isMember() && level >= settings.viewAsUserMinTier(),
                (tier.isMember() && level >= settings.decideMinTier()) || managesUsers,
                tier.isMember() && level >= settings.shareMinTier());
    }

    /** Whether the user holds realm-management {@code manage-users} (directly, by composite or by group). */
    public boolean canManageUsers(UserModel user) {
        if (!Membership.isMemberAccount(user)) {
            return false;
        }
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        RoleModel manageUsers = realmManagement == null ? null : realmManagement.getRole(AdminRoles.MANAGE_USERS);
        return manageUsers != null && user.hasRole(manageUsers);
    }
}
