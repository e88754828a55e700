package dev.viewgate.tier;

/**
 * A rung of the realm's tier ladder: realm role {@code role} carries attribute {@code viewgate.tier} = {@code level}.
 * Level 0 ({@link #NONE}) means "not a member".
 */
public record Tier(int level, String role, String label) {

    public static final Tier NONE = new Tier(0, null, null);

    public boolean isMember() {
        return level > 0;
    }

    public boolean isAbove(Tier other) {
        return level > other.level;
    }
}
