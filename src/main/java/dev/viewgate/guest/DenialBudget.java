package dev.viewgate.guest;

/**
 * How refused guest secrets reach the audit log: per budget (a client's secrets that match no grant, or one grant's
 * secret), the first {@code recordedPerWindow} refusals of each window are audited one by one (with
 * their reason); later ones are only counted, and one summary row reports them a window after the first of them. So
 * a budget adds at most {@code recordedPerWindow + 1} audit rows per window, however many are sent and from however
 * many addresses.
 */
public final class DenialBudget {

    private DenialBudget() {
    }

    /** The start of the window {@code now} falls in; windows are aligned to the epoch. */
    public static long windowStart(long now, long windowMillis) {
        return now - Math.floorMod(now, windowMillis);
    }

    /** Whether one more refusal in a window that already audited {@code recorded} is audited on its own. */
    public static boolean recordsIndividually(int recorded, int recordedPerWindow) {
        return recorded < recordedPerWindow;
    }

    /** Whether counted refusals, the first at {@code unrecordedFrom}, are due for their summary row. */
    public static boolean summaryDue(Long unrecordedFrom, long windowMillis, long now) {
        return unrecordedFrom != null && now - unrecordedFrom >= windowMillis;
    }
}
