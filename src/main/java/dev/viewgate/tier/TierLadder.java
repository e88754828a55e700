package dev.viewgate.tier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The tiers of a realm in ascending order, built from its realm roles' {@code viewgate.tier} attributes. */
public final class TierLadder {

    public static final String TIER_ATTRIBUTE = "viewgate.tier";

    /** A realm role as the ladder sees it. */
    public record Candidate(String role, String tierAttribute, String description) {
    }

    private final List<Tier> tiers;

    private TierLadder(List<Tier> tiers) {
        this.tiers = List.copyOf(tiers);
    }

    /**
     * Builds the ladder. A malformed attribute (not a positive integer) or a second role claiming a level already
     * taken is reported to {@code problems} and ignored, so that one bad role never breaks a request.
     */
    public static TierLadder of(List<Candidate> candidates, Consumer<String> problems) {
        Map<Integer, Tier> byLevel = new HashMap<>();
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparing(Candidate::role));
        for (Candidate candidate : sorted) {
            if (candidate.tierAttribute() == null) {
                continue;
            }
            int level = parseLevel(candidate.tierAttribute());
            if (level <= 0) {
                problems.accept("role '" + candidate.role() + "' has a malformed " + TIER_ATTRIBUTE + " '"
                        + candidate.tierAttribute() + "' (expected a positive integer); the role is not a tier");
                continue;
            }
            Tier existing = byLevel.get(level);
            if (existing != null) {
                problems.accept("roles '" + existing.role() + "' and '" + candidate.role() + "' both claim " + TIER_ATTRIBUTE
                        + " " + level + "; only '" + existing.role() + "' counts");
                continue;
            }
            byLevel.put(level, new Tier(level, candidate.role(), labelOf(candidate)));
        }
        List<Tier> tiers = new ArrayList<>(byLevel.values());
        tiers.sort(Comparator.comparingInt(Tier::level));
        return new TierLadder(tiers);
    }

    public List<Tier> tiers() {
        return tiers;
    }

    public Optional<Tier> byRole(String role) {
        return tiers.stream().filter(t -> t.role().equals(role)).findFirst();
    }

    public Optional<Tier> byLevel(int level) {
        return tiers.stream().filter(t -> t.level() == level).findFirst();
    }

    /** The highest tier whose role {@code holds} says the member has; {@link Tier#NONE} if none. */
    public Tier highestHeld(Predicate<String> holds) {
        for (int i = tiers.size() - 1; i >= 0; i--) {
            if (holds.test(tiers.get(i).role())) {
                return tiers.get(i);
            }
        }
        return Tier.NONE;
    }

    static int parseLevel(String value) {
        String trimmed = value.trim();
        // ASCII digits only, as every other number Viewgate reads: Character.isDigit would take "١٠" for 10
        if (trimmed.isEmpty() || trimmed.length() > 6 || !trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(trimmed);
    }

    private static String labelOf(Candidate candidate) {
        String description = candidate.description();
        if (description == null || description.isBlank()) {
            return candidate.role();
        }
        return description.strip();
    }
}
