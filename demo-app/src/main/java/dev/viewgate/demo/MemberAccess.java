package dev.viewgate.demo;

/**
 * What a signed-in member may do with one view: the tier from their token (reduced during view as) decides, and the
 * view's own settings still win (a view that is not editable is edited by nobody).
 */
public record MemberAccess(int tier, ViewSettings settings, boolean shareable) {

    public static MemberAccess of(int tier, DataView view) {
        return new MemberAccess(tier, view.settings(), view.shareable());
    }

    public boolean read() {
        return tier >= Tiers.READ;
    }

    public boolean export() {
        return tier >= Tiers.EXPORT && settings.exportable();
    }

    public boolean edit() {
        return tier >= Tiers.BUILD && settings.editable();
    }

    public boolean addRows() {
        return tier >= Tiers.BUILD && settings.addable();
    }

    /** Share with a guest or make public: only views that are shareable at all. */
    public boolean share() {
        return tier >= Tiers.BUILD && shareable;
    }

    public boolean changeSettings() {
        return tier >= Tiers.BUILD;
    }

    /** Whether "View as…" is offered; not while a view as is already active. */
    public static boolean mayViewAs(int tier, boolean viewAsActive) {
        return tier >= Tiers.VIEW_AS && !viewAsActive;
    }
}
