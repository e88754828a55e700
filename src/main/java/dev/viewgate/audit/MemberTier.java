package dev.viewgate.audit;

/**
 * A member's tier as the audit compares it: the level and the role that gives it, by id, so that renaming a tier
 * role moves no one while a role losing or changing its {@code viewgate.tier} does.
 */
record MemberTier(int level, String roleId, String roleName) {

    static final MemberTier NONE = new MemberTier(0, null, null);

    boolean sameAs(MemberTier other) {
        return level == other.level && java.util.Objects.equals(roleId, other.roleId);
    }
}
