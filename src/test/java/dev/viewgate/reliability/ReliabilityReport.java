package dev.viewgate.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Each reliability test writes its figures as a Markdown section; {@link ReliabilityReportWriter} joins them. */
final class ReliabilityReport {

    private ReliabilityReport() {
    }

    /** Writes {@code target/reliability/sections/<name>.md}; the name orders the sections in the report. */
    static void section(String name, String markdown) {
        try {
            Path sections = ReliabilityNodes.dir().resolve("sections");
            Files.createDirectories(sections);
            Files.writeString(sections.resolve(name + ".md"), markdown.strip() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return "-";
        }
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(p / 100.0 * sorted.size()) - 1);
        return String.format(Locale.ROOT, "%.1f ms", sorted.get(Math.max(0, index)) / 1000.0);
    }
}
