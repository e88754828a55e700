package dev.viewgate.demo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a guest may do with the one view their link names: the permissions Viewgate reports for the token
 * (re-evaluated at each introspection), intersected again with the app's own current settings of that view.
 */
public record GuestAccess(Set<String> permissions, ViewSettings settings) {

    public static final List<String> ALL = List.of("read", "write", "create", "export");

    public GuestAccess {
        permissions = Set.copyOf(permissions);
    }

    public static GuestAccess of(Collection<String> permissions, ViewSettings settings) {
        return new GuestAccess(Set.copyOf(permissions.stream().filter(ALL::contains).toList()), settings);
    }

    public boolean read() {
        return permissions.contains("read");
    }

    public boolean edit() {
        return read() && permissions.contains("write") && settings.editable();
    }

    public boolean addRows() {
        return read() && permissions.contains("create") && settings.addable();
    }

    public boolean export() {
        return read() && permissions.contains("export") && settings.exportable();
    }

    /** The share form's presets and the permissions each one ticks. */
    public static final List<String> READ_ONLY = List.of("read");
    public static final List<String> EDITOR = List.of("read", "write", "create");

    /**
     * Why the view's settings do not allow giving a permission right now, or null when they do. Viewgate would accept
     * the permission and simply not let it take effect; the form says so instead of letting it vanish.
     */
    public static String unavailable(String permission, ViewSettings settings) {
        return switch (permission) {
            case "write" -> settings.editable() ? null : "this view does not allow editing (its setting \u201ceditable\u201d is off)";
            case "create" -> settings.addable() ? null : "this view does not allow adding rows (its setting \u201caddable\u201d is off)";
            case "export" -> settings.exportable() ? null : "this view does not allow exporting (its setting \u201cexportable\u201d is off)";
            default -> null;
        };
    }

    /** What the share form asked for: the permissions to give, and those of a preset the view does not allow, with why. */
    public record Choice(List<String> given, Map<String, String> leftOut) {
        public Choice {
            given = List.copyOf(given);
            leftOut = Collections.unmodifiableMap(new LinkedHashMap<>(leftOut));
        }
    }

    /**
     * The share form's choice: a preset (read-only, editor) gives what it names as far as the view allows and reports the
     * rest; custom gives the ticked boxes and refuses a box the view does not allow (the form showed it disabled).
     * {@code read} is always given.
     */
    public static Choice choose(String preset, Collection<String> checked, ViewSettings settings) {
        List<String> wanted = switch (preset == null ? "" : preset) {
            case "read-only" -> READ_ONLY;
            case "editor" -> EDITOR;
            case "custom" -> ALL.stream().filter(p -> "read".equals(p) || checked.contains(p)).toList();
            default -> throw new IllegalArgumentException("Choose read only, editor or custom permissions.");
        };
        List<String> given = new ArrayList<>();
        Map<String, String> leftOut = new LinkedHashMap<>();
        for (String permission : wanted) {
            String reason = unavailable(permission, settings);
            if (reason == null) {
                given.add(permission);
            } else if ("custom".equals(preset)) {
                throw new IllegalArgumentException("\u201c" + permission + "\u201d cannot be given: " + reason + ".");
            } else {
                leftOut.put(permission, reason);
            }
        }
        return new Choice(given, leftOut);
    }
}
