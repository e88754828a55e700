package dev.viewgate.demo;

import java.util.List;

/** The demo realm's tier ladder: the {@code tier} claim's levels and their labels. */
public final class Tiers {

    public static final int READ = 1;
    public static final int VIEW_AS = 2;
    public static final int EXPORT = 3;
    public static final int BUILD = 4;

    private static final List<String> LABELS = List.of("Viewer", "Explorer", "Analyst", "Builder", "Maintainer",
            "Architect", "Administrator", "Owner");

    private Tiers() {
    }

    /** "Builder", or "Tier 9" beyond the known ladder, or "No tier" for 0. */
    public static String label(int tier) {
        if (tier <= 0) {
            return "No tier";
        }
        return tier <= LABELS.size() ? LABELS.get(tier - 1) : "Tier " + tier;
    }

    /** "Builder (T4)", or "No tier". */
    public static String labelWithLevel(int tier) {
        return tier <= 0 ? label(tier) : label(tier) + " (T" + tier + ")";
    }

    /** The {@code tier} claim as a level; a missing, malformed or negative claim is 0 (no tier). */
    public static int fromClaim(Object claim) {
        if (claim instanceof Number number) {
            long value = number.longValue();
            return value < 0 || value > 1000 || number.doubleValue() != value ? 0 : (int) value;
        }
        if (claim instanceof String text) {
            try {
                return fromClaim(Long.parseLong(text.trim()));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
