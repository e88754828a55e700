package dev.viewgate.demo;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a member typed into a share form (the guest form or the public-link form), to show it again with the error
 * when the share was refused: a refused form keeps everything that was typed.
 */
public record ShareDraft(String preset, Set<String> checked, String expiresAt, String timeZone, String label, String error) {

    public static final int MAX_LABEL = 100;

    public ShareDraft {
        checked = Set.copyOf(checked);
        expiresAt = Optional.ofNullable(expiresAt).orElse("");
        timeZone = Optional.ofNullable(timeZone).orElse("");
        label = Optional.ofNullable(label).orElse("");
    }

    /** The guest form as a page first shows it: read only, no expiry, no label. */
    public static ShareDraft blank() {
        return new ShareDraft("read-only", Set.of("read"), "", "", "", null);
    }

    /** The submitted form (bounded, so that a huge field is not echoed back), with the error to show. */
    public static ShareDraft of(Request request, String error) {
        Set<String> checked = new LinkedHashSet<>();
        request.formValues("permission").stream().filter(GuestAccess.ALL::contains).forEach(checked::add);
        String preset = request.form("preset");
        if (!"read-only".equals(preset) && !"editor".equals(preset) && !"custom".equals(preset)) {
            preset = "read-only";
        }
        return new ShareDraft(preset, checked, bounded(request.form("expiresAt"), 32), bounded(request.form("timeZone"), 64),
                bounded(request.form("label"), MAX_LABEL), error);
    }

    /** The label as it is sent to Viewgate: trimmed, at most {@link #MAX_LABEL} characters, null when empty. */
    public String labelOrNull() {
        String stripped = label.strip();
        return stripped.isEmpty() ? null : stripped.length() > MAX_LABEL ? stripped.substring(0, MAX_LABEL) : stripped;
    }

    private static String bounded(String value, int max) {
        if (value == null) {
            return "";
        }
        return value.length() > max ? value.substring(0, max) : value;
    }
}
