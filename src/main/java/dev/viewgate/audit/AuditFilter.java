package dev.viewgate.audit;

import dev.viewgate.base.InstantInput;
import dev.viewgate.base.ViewgateException;

/** The filters of an audit query; every field is optional. {@code actor}/{@code subject} match an id or a username. */
public record AuditFilter(AuditType type, String actor, String subject, Long from, Long to) {

    /** Parses query parameters; a malformed one is a 400 that names it. */
    public static AuditFilter parse(String type, String actor, String subject, String from, String to) {
        AuditType parsedType = null;
        if (type != null && !type.isBlank()) {
            parsedType = AuditType.parse(type.trim()).orElseThrow(() -> ViewgateException.badRequest("invalid_parameter",
                    "type must be one of " + java.util.Arrays.toString(AuditType.values())));
        }
        return new AuditFilter(parsedType, blankToNull(actor), blankToNull(subject), instant("from", from, false),
                instant("to", to, true));
    }

    /** An ISO-8601 instant ({@code 2026-11-22T10:00:00Z}) or date ({@code 2026-11-22}, the whole UTC day), years 0000-9999. */
    static Long instant(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        return InstantInput.instant(trimmed).or(() -> InstantInput.day(trimmed, endOfDay))
                .orElseThrow(() -> ViewgateException.badRequest("invalid_parameter", name
                        + " must be an ISO-8601 instant such as 2026-11-22T10:00:00Z or a date such as 2026-11-22, "
                        + "between the years 0000 and 9999"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
