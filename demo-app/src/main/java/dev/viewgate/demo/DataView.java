package dev.viewgate.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** One view of the workspace: a table held in memory, its settings, and whether it may be shared with guests. */
public final class DataView {

    /** A row's cells, in the view's column order. */
    public record Row(int id, List<String> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    public static final int MAX_CELL_LENGTH = 200;
    public static final int MAX_ROWS = 500;

    private final String key;
    private final boolean shareable;
    private final List<String> columns;
    private final AtomicReference<ViewSettings> settings;
    private final List<Row> rows = new ArrayList<>();
    private int nextId = 1;

    public DataView(String key, ViewSettings settings, boolean shareable, List<String> columns) {
        this.key = Objects.requireNonNull(key);
        this.settings = new AtomicReference<>(Objects.requireNonNull(settings));
        this.shareable = shareable;
        this.columns = List.copyOf(columns);
    }

    public String key() {
        return key;
    }

    public String title() {
        return settings.get().name();
    }

    /** Internal views are never shared with guests, whatever Viewgate would accept. */
    public boolean shareable() {
        return shareable;
    }

    public List<String> columns() {
        return columns;
    }

    public ViewSettings settings() {
        return settings.get();
    }

    public void settings(ViewSettings changed) {
        settings.set(Objects.requireNonNull(changed));
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    public synchronized Optional<Row> row(int id) {
        return rows.stream().filter(r -> r.id() == id).findFirst();
    }

    public synchronized Row add(List<String> cells) {
        if (rows.size() >= MAX_ROWS) {
            throw new IllegalStateException("The view holds the maximum of " + MAX_ROWS + " rows");
        }
        Row row = new Row(nextId++, checked(cells));
        rows.add(row);
        return row;
    }

    /** Replaces a row's cells; false when there is no such row. */
    public synchronized boolean update(int id, List<String> cells) {
        List<String> checked = checked(cells);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id() == id) {
                rows.set(i, new Row(id, checked));
                return true;
            }
        }
        return false;
    }

    private List<String> checked(List<String> cells) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException("Expected " + columns.size() + " values");
        }
        List<String> trimmed = new ArrayList<>();
        for (String cell : cells) {
            String value = cell == null ? "" : cell.strip();
            if (value.length() > MAX_CELL_LENGTH) {
                throw new IllegalArgumentException("A value is longer than " + MAX_CELL_LENGTH + " characters");
            }
            trimmed.add(value);
        }
        return trimmed;
    }
}
