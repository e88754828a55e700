package dev.viewgate.demo;

import java.util.Map;

/** The {@code view_as} claim of a member's token: {@code {mode, tier, user:{id, username}|null, actor, expires_at}}. */
public record ViewAsState(String mode, int tier, String username, String actor) {

    /** The claim as a state, or null when the token carries none (or not an object). */
    public static ViewAsState fromClaim(Object claim) {
        if (!(claim instanceof Map<?, ?> map)) {
            return null;
        }
        String mode = map.get("mode") instanceof String m ? m : "tier";
        int tier = Tiers.fromClaim(map.get("tier"));
        String username = map.get("user") instanceof Map<?, ?> user && user.get("username") != null
                ? String.valueOf(user.get("username")) : null;
        String actor = map.get("actor") instanceof Map<?, ?> a && a.get("username") != null
                ? String.valueOf(a.get("username")) : null;
        return new ViewAsState(mode, tier, username, actor);
    }

    public boolean userMode() {
        return "user".equals(mode) && username != null;
    }

    /** "Viewing as Explorer (T2)" or "Viewing as bob". */
    public String banner() {
        return userMode() ? "Viewing as " + username : "Viewing as " + Tiers.labelWithLevel(tier);
    }
}
