package dev.viewgate.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The escalation matrix as data: {@code escalation-matrix.csv} (actor per row, action per column, the expected
 * answer in each cell as "status error"), and its rendering as the README's Markdown table.
 */
public final class EscalationMatrix {

    private EscalationMatrix() {
    }

    public static Map<String, Map<String, String>> expected() {
        try (InputStream in = EscalationMatrix.class.getResourceAsStream("/escalation-matrix.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).toList();
            String[] actions = lines.get(0).split(",");
            Map<String, Map<String, String>> matrix = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i < actions.length; i++) {
                    row.put(actions[i], cells[i]);
                }
                matrix.put(cells[0], row);
            }
            return matrix;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String markdown(Map<String, Map<String, String>> matrix) {
        List<String> actions = List.copyOf(matrix.values().iterator().next().keySet());
        StringBuilder out = new StringBuilder("| actor | ").append(String.join(" | ", actions)).append(" |\n|---|");
        actions.forEach(a -> out.append("---|"));
        out.append('\n');
        matrix.forEach((actor, row) -> {
            out.append("| ").append(actor);
            actions.forEach(a -> out.append(" | ").append(row.getOrDefault(a, "?")));
            out.append(" |\n");
        });
        return out.toString();
    }
}
