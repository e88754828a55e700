package dev.viewgate.demo;

import java.util.Objects;

/** What a view allows anybody to do beyond reading, as registered with Viewgate. */
public record ViewSettings(String name, boolean editable, boolean addable, boolean exportable) {

    public ViewSettings {
        Objects.requireNonNull(name);
    }

    /** The same settings with one of {@code editable}, {@code addable}, {@code exportable} changed. */
    public ViewSettings with(String setting, boolean value) {
        return switch (setting) {
            case "editable" -> new ViewSettings(name, value, addable, exportable);
            case "addable" -> new ViewSettings(name, editable, value, exportable);
            case "exportable" -> new ViewSettings(name, editable, addable, value);
            default -> throw new IllegalArgumentException("unknown setting " + setting);
        };
    }

    public static boolean isSetting(String name) {
        return "editable".equals(name) || "addable".equals(name) || "exportable".equals(name);
    }
}
