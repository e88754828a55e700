package dev.viewgate.audit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV lines of the export (RFC 4180: every cell quoted, quotes doubled, newlines kept inside quotes). A cell that a
 * spreadsheet would run as a formula (starting with = + - @, tab or carriage return) is prefixed with a quote.
 */
public final class AuditCsv {

    public static final List<String> HEADER = List.of("id", "seq", "time", "realm", "type", "actorId", "actorUsername",
            "subjectId", "subjectUsername", "resource", "details", "ip", "hash");

    private AuditCsv() {
    }

    public static String line(List<String> cells) {
        return cells.stream().map(AuditCsv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    public static List<String> cells(AuditEventEntity row, String realmName) {
        return java.util.Arrays.asList(row.getId(), row.getSeq() == null ? "" : row.getSeq().toString(),
                java.time.Instant.ofEpochMilli(row.getTime()).toString(), realmName, row.getType(), row.getActorId(),
                row.getActorUsername(), row.getSubjectId(), row.getSubjectUsername(), row.getResource(),
                row.getDetails(), row.getIp(), row.getHash());
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "\"\"";
        }
        char first = value.charAt(0);
        String safe = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
