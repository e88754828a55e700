package dev.viewgate.guest;

import dev.viewgate.base.ViewgateException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A guest's permissions on a view, and the rule that the view's own settings always win. */
public final class Permissions {

    public static final List<String> ALL = List.of("read", "write", "create", "export");

    private Permissions() {
    }

    /** Validates requested permissions: known names, no duplicates, not empty; a public link may only read. */
    public static List<String> requested(List<String> names, boolean publicLink) {
        if (names == null || names.isEmpty()) {
            throw ViewgateException.badRequest("invalid_permissions", "permissions must name at least one of " + ALL);
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String name : names) {
            if (!ALL.contains(name) || !unique.add(name)) {
                throw ViewgateException.badRequest("invalid_permissions", "permissions must be distinct values of " + ALL);
            }
        }
        if (publicLink && !unique.equals(Set.of("read"))) {
            throw ViewgateException.badRequest("public_is_read_only", "A public link can only read");
        }
        return ALL.stream().filter(unique::contains).toList();
    }

    /** What the guest may actually do: {@code read} always, the rest only where the view's settings allow it. */
    public static List<String> effective(List<String> granted, boolean editable, boolean addable, boolean exportable) {
        return granted.stream().filter(p -> switch (p) {
            case "read" -> true;
            case "write" -> editable;
            case "create" -> addable;
            case "export" -> exportable;
            default -> false;
        }).toList();
    }
}
