package dev.viewgate.guest;

/**
 * The rule for who may manage an app's views and grants on the realm API, as a pure decision over facts gathered by
 * {@link AppAuthority}: the app's own service account holding the app's client role {@code viewgate-share}, or a
 * member whose tier reaches {@code viewgate.share.minTier}, who holds that client role of the app (the app's own
 * configuration admits them) and who uses a token issued to that app. Everyone else is refused with the same answer
 * whether or not the app exists.
 */
public final class ShareAdmission {

    /** What the realm API answers. */
    public enum Outcome { ALLOWED, TIER_TOO_LOW, NOT_YOUR_CLIENT }

    /**
     * @param serviceAccount the caller is a client's service account, not a member
     * @param ownApp         a service account: the named app is its own client; a member: the token was issued to it
     * @param admitted       the caller holds the named app's client role {@code viewgate-share} (composites and
     *                       groups count; during view as, the simulated access must hold it too)
     * @param tierReaches    the caller's tier (the simulated one during view as) reaches {@code viewgate.share.minTier}
     */
    public record Facts(boolean serviceAccount, boolean ownApp, boolean admitted, boolean tierReaches) {
    }

    private ShareAdmission() {
    }

    public static Outcome decide(Facts facts) {
        if (facts.serviceAccount()) {
            return facts.ownApp() && facts.admitted() ? Outcome.ALLOWED : Outcome.NOT_YOUR_CLIENT;
        }
        if (!facts.tierReaches()) {
            return Outcome.TIER_TOO_LOW;
        }
        return facts.ownApp() && facts.admitted() ? Outcome.ALLOWED : Outcome.NOT_YOUR_CLIENT;
    }
}
