package dev.viewgate.tier;

import java.util.Collection;
import java.util.Set;

/**
 * Viewgate's one authority rule, as pure data in and a verdict out (the Keycloak side is {@link Authority}):
 * <ul>
 * <li>an actor may cause a member to hold a role only if every effective role it carries (itself, composites expanded,
 * realm and client roles, Keycloak's admin roles too) is within what the actor really holds now, and the member's
 * current tier is below the actor's;</li>
 * <li>a simulation (view as) is allowed, at its start and at every later use, only while it stays within what the actor
 * really holds now.</li>
 * </ul>
 * Tiers are a ladder: holding tier N covers every tier role up to N, the roles a tier role carries besides are judged
 * one by one.
 */
public final class AuthorityRule {

    /** A role as the rule sees it: its id and its tier (0 when it is no tier role). */
    public record RoleRef(String id, String name, int tier) {
    }

    /** What an actor holds: their tier and the ids of all their effective roles. */
    public record Holding(int tier, Set<String> roleIds) {

        public static final Holding NOTHING = new Holding(0, Set.of());

        public Holding {
            roleIds = Set.copyOf(roleIds);
        }

        boolean covers(RoleRef role) {
            return role.tier() > 0 ? role.tier() <= tier : roleIds.contains(role.id());
        }
    }

    /** The rule's answer; each refusal has the API's error code. */
    public enum Verdict {
        ALLOWED(null),
        TIER_TOO_LOW("tier_too_low"),
        ABOVE_OWN_TIER("above_own_tier"),
        BEYOND_OWN_ACCESS("beyond_own_access"),
        MEMBER_NOT_BELOW("member_not_below"),
        NOT_A_MEMBER("not_a_member"),
        HOLDS_UNHELD_ADMIN_ROLE("above_own_tier");

        private final String code;

        Verdict(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public boolean allowed() {
            return this == ALLOWED;
        }
    }

    private AuthorityRule() {
    }

    /**
     * May {@code actor} make a member of tier {@code memberTier} hold a tier role of tier {@code roleTier} that carries
     * {@code carried} (the role itself and everything its composites expand to)?
     */
    public static Verdict grant(Holding actor, int memberTier, int roleTier, Collection<RoleRef> carried) {
        if (roleTier > actor.tier()) {
            return Verdict.ABOVE_OWN_TIER;
        }
        if (!carried.stream().allMatch(actor::covers)) {
            return Verdict.BEYOND_OWN_ACCESS;
        }
        // Peers too: two deciders of one tier must not be able to demote each other (first come, first served).
        if (memberTier >= actor.tier()) {
            return Verdict.MEMBER_NOT_BELOW;
        }
        return Verdict.ALLOWED;
    }

    /** May {@code actor} view as tier {@code simulatedTier}, whose role carries {@code carried}, from {@code minTier} on? */
    public static Verdict viewAsTier(Holding actor, int minTier, int simulatedTier, Collection<RoleRef> carried) {
        if (actor.tier() == 0 || actor.tier() < minTier) {
            return Verdict.TIER_TOO_LOW;
        }
        if (simulatedTier > actor.tier()) {
            return Verdict.ABOVE_OWN_TIER;
        }
        if (simulatedTier <= 0 || !carried.stream().allMatch(actor::covers)) {
            return Verdict.BEYOND_OWN_ACCESS;
        }
        return Verdict.ALLOWED;
    }

    /**
     * May {@code actor} view as a member of tier {@code targetTier} who holds the admin roles {@code targetAdminRoleIds},
     * and whose tier role carries {@code carried}, from {@code minTier} on?
     */
    public static Verdict viewAsMember(Holding actor, int minTier, int targetTier, Set<String> targetAdminRoleIds,
                                       Collection<RoleRef> carried) {
        if (actor.tier() == 0 || actor.tier() < minTier) {
            return Verdict.TIER_TOO_LOW;
        }
        if (targetTier <= 0) {
            return Verdict.NOT_A_MEMBER;
        }
        if (targetTier > actor.tier()) {
            return Verdict.ABOVE_OWN_TIER;
        }
        if (!actor.roleIds().containsAll(targetAdminRoleIds)) {
            return Verdict.HOLDS_UNHELD_ADMIN_ROLE;
        }
        if (!carried.stream().allMatch(actor::covers)) {
            return Verdict.BEYOND_OWN_ACCESS;
        }
        return Verdict.ALLOWED;
    }
}
