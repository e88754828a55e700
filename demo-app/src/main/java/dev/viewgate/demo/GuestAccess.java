package dev.viewgate.demo;

import java.util.Collection;
import java.util.List;
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

    /** The share form's presets: read-only, editor (read, write, create) or the checked boxes. */
    public static List<String> fromPreset(String preset, Collection<String> checked) {
        return switch (preset == null ? "" : preset) {
            case "read-only" -> List.of("read");
            case "editor" -> List.of("read", "write", "create");
            case "custom" -> {
                List<String> chosen = ALL.stream().filter(p -> "read".equals(p) || checked.contains(p)).toList();
                yield chosen;
            }
            default -> throw new IllegalArgumentException("Choose read-only, editor or custom permissions");
        };
    }
}
