package dev.viewgate.tier;

import dev.viewgate.base.AdminClients;
import dev.viewgate.base.ViewAsNotes;
import dev.viewgate.base.ViewgateException;
import dev.viewgate.tier.AuthorityRule.Holding;
import dev.viewgate.tier.AuthorityRule.RoleRef;
import dev.viewgate.tier.AuthorityRule.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;

/** {@link AuthorityRule} applied to Keycloak's models: what users really hold now, and what roles carry. */
public final class Authority {

    private static final Logger LOG = Logger.getLogger(Authority.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final TierService tiers;

    public Authority(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.tiers = new TierService(session, realm);
    }

    /** What {@code user} really holds now: their tier and every effective role (groups and composites expanded). */
    public Holding realHoldingOf(UserModel user) {
        if (!Membership.isMemberAccount(user)) {
            return Holding.NOTHING;
        }
        return new Holding(tiers.tierOf(user).level(), RoleUtils.getDeepUserRoleMappings(user).stream()
                .map(RoleModel::getId).collect(Collectors.toSet()));
    }

    /** What {@code user} acts with while simulating tier {@code simulatedTier}: their real roles without administrative ones. */
    public Holding simulatedHoldingOf(UserModel user, int simulatedTier) {
        if (!Membership.isMemberAccount(user)) {
            return Holding.NOTHING;
        }
        return new Holding(simulatedTier, RoleUtils.getDeepUserRoleMappings(user).stream()
                .filter(role -> !AdminClients.isAdminRole(role)).map(RoleModel::getId).collect(Collectors.toSet()));
    }

    /** The role and every role its composites expand to. */
    public List<RoleRef> carriedBy(RoleModel role) {
        return role == null ? List.of() : RoleUtils.expandCompositeRoles(Set.of(role)).stream().map(this::ref).toList();
    }

    /**
     * 403 unless an actor holding {@code holding} may make {@code member} hold tier role {@code role}: every role it
     * carries within the actor's, and the member's tier below the actor's.
     */
    public void requireGrant(UserModel actor, Holding holding, UserModel member, RoleModel role) {
        int memberTier = tiers.tierOf(member).level();
        int roleTier = ref(role).tier();
        Verdict verdict = AuthorityRule.grant(holding, memberTier, roleTier, carriedBy(role));
        if (verdict.allowed()) {
            return;
        }
        LOG.debugf("Viewgate, realm '%s': %s (T%d) may not make %s (T%d) hold %s: %s", realm.getName(), actor.getUsername(),
                holding.tier(), member.getUsername(), memberTier, role.getName(), verdict);
        throw refusal(verdict, switch (verdict) {
            case ABOVE_OWN_TIER -> "You may grant roles up to your own tier (T" + holding.tier() + "); " + role.getName()
                    + " is T" + roleTier;
            case BEYOND_OWN_ACCESS -> "Role " + role.getName() + " carries roles you do not hold";
            case MEMBER_NOT_BELOW -> "That member's tier (T" + memberTier + ") is not below yours (T" + holding.tier()
                    + "): only a decider of a higher tier, or a Keycloak admin, may change it";
            default -> "You may not grant that role";
        });
    }

    /** Whether a holder of {@code holding} may grant {@code role} to anyone at all (to a member below them). */
    public boolean mayGrantToSomeone(Holding holding, RoleModel role) {
        Verdict verdict = AuthorityRule.grant(holding, 0, ref(role).tier(), carriedBy(role));
        return verdict != Verdict.ABOVE_OWN_TIER && verdict != Verdict.BEYOND_OWN_ACCESS;
    }

    /** Whether view as the tier {@code level} is within what {@code actor} really holds now. */
    public Verdict viewAsTier(UserModel actor, int level) {
        Optional<Tier> tier = tiers.ladder().byLevel(level);
        return AuthorityRule.viewAsTier(realHoldingOf(actor), tiers.settings().viewAsTierMinTier(), level,
                tier.map(t -> carriedBy(realm.getRole(t.role()))).orElse(List.of()));
    }

    /** Whether view as {@code target} is within what {@code actor} really holds now. */
    public Verdict viewAsMember(UserModel actor, UserModel target) {
        Holding holding = realHoldingOf(actor);
        if (target == null || !target.isEnabled() || !Membership.isMemberAccount(target)) {
            return holding.tier() < tiers.settings().viewAsUserMinTier() || holding.tier() == 0
                    ? Verdict.TIER_TOO_LOW : Verdict.NOT_A_MEMBER;
        }
        Tier targetTier = tiers.tierOf(target);
        Set<String> targetAdminRoles = RoleUtils.getDeepUserRoleMappings(target).stream().filter(AdminClients::isAdminRole)
                .map(RoleModel::getId).collect(Collectors.toSet());
        return AuthorityRule.viewAsMember(holding, tiers.settings().viewAsUserMinTier(), targetTier.level(), targetAdminRoles,
                targetTier.isMember() ? carriedBy(realm.getRole(targetTier.role())) : List.of());
    }

    /** Whether a view-as, as its notes say, is still within what {@code actor} really holds now. */
    public Verdict simulation(UserModel actor, ViewAsNotes.State state) {
        return state.isUserMode()
                ? viewAsMember(actor, state.userId() == null ? null : session.users().getUserById(realm, state.userId()))
                : viewAsTier(actor, state.tier());
    }

    /** The API's answer to a refusal: 400 for a target that is no member, 403 otherwise. */
    public static ViewgateException refusal(Verdict verdict, String description) {
        return verdict == Verdict.NOT_A_MEMBER ? ViewgateException.badRequest(verdict.code(), description)
                : ViewgateException.forbidden(verdict.code(), description);
    }

    private RoleRef ref(RoleModel role) {
        int tier = role.isClientRole() ? 0 : tiers.ladder().byRole(role.getName()).map(Tier::level).orElse(0);
        return new RoleRef(role.getId(), role.getName(), tier);
    }
}
