package dev.viewgate.tier;

import java.util.Properties;

/**
 * Tier names in the reader's language: the message {@code viewgateTier_<role name>} of the theme's messages for that
 * locale (Viewgate ships German names for the demo ladder's roles; a realm adds or overrides any through its
 * localization texts, e.g. {@code viewgateTier_analyst} for {@code de}), else the role's description, as everywhere
 * else. Shown with the level: "Entdecker (T2)".
 */
public final class TierLabels {

    public static final String KEY_PREFIX = "viewgateTier_";

    private final Properties messages;

    private TierLabels(Properties messages) {
        this.messages = messages;
    }

    /** Over the messages of the reader's language ({@code adapter.ThemeMessages}). */
    public static TierLabels of(Properties messages) {
        return new TierLabels(messages);
    }

    /** The tier's name: its message in this language, else the role description; empty for no tier. */
    public String label(Tier tier) {
        if (!tier.isMember()) {
            return "";
        }
        String translated = messages.getProperty(KEY_PREFIX + tier.role());
        return translated == null || translated.isBlank() ? tier.label() : translated.strip();
    }

    /** "Explorer (T2)"; empty for no tier. */
    public String withLevel(Tier tier) {
        return tier.isMember() ? label(tier) + " (T" + tier.level() + ")" : "";
    }
}
