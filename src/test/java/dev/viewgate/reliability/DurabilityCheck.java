package dev.viewgate.reliability;

import dev.viewgate.reliability.AckLog.Op;
import dev.viewgate.reliability.AckLog.Outcome;
import dev.viewgate.reliability.AckLog.Write;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads Viewgate's and Keycloak's tables directly (PostgreSQL, not through a server that might hide a loss) and checks
 * them against the client's {@link AckLog}:
 * <ul>
 * <li>every acknowledged write is there exactly once, in the state the writes that followed it allow (an in-doubt
 *     write may or may not have been applied, but nothing else may have happened);</li>
 * <li>no half-written state: one SUBMITTED row per request, one GRANTED/DECLINED row per decided request, one
 *     CREATED row per guest grant, one REVOKED row per revoked grant, and none for anything that did not happen;
 *     a revoked grant's principal user is gone, an active grant's is there; at most one pending request per member,
 *     and the realm's pending count row agrees with the pending requests.</li>
 * </ul>
 */
final class DurabilityCheck {

    /** An access request's state as the checks compare it. */
    private record RequestState(String status, String message, String role) {
    }

    /** Counts of what was checked, and every violation found. */
    record Result(int requests, int grants, int auditRows, long acked, long inDoubt, List<String> violations) {
    }

    private final String jdbcUrl;

    DurabilityCheck(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    Result check(String realmName, List<Write> writes) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            String realm = single(db, "SELECT id FROM realm WHERE name = ?", realmName);
            Map<String, Map<String, Integer>> audit = auditCounts(db, realm);
            List<String> violations = new ArrayList<>();
            int requests = checkRequests(db, realm, writes, audit, violations);
            int grants = checkGrants(db, realm, writes, audit, violations);
            int auditRows = audit.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
            long acked = writes.stream().filter(w -> w.outcome() == Outcome.ACKED).count();
            return new Result(requests, grants, auditRows, acked, writes.size() - acked, violations);
        }
    }

    private int checkRequests(Connection db, String realm, List<Write> writes, Map<String, Map<String, Integer>> audit,
            List<String> violations) throws SQLException {
        Map<String, RequestState> rows = new HashMap<>();
        Map<String, String> requesterOf = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement("SELECT r.id, r.status, r.message, r.granted_role, u.username "
                + "FROM vg_access_request r JOIN user_entity u ON u.id = r.requester_id WHERE r.realm_id = ?")) {
            query.setString(1, realm);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), new RequestState(rs.getString(2), rs.getString(3), rs.getString(4)));
                    requesterOf.put(rs.getString(1), rs.getString(5));
                }
            }
        }
        Map<String, List<Write>> byLane = writes.stream().filter(w -> w.op().ordinal() <= Op.DECLINE.ordinal())
                .collect(Collectors.groupingBy(Write::lane));
        for (var lane : byLane.entrySet()) {
            Set<String> unclaimedSubmits = lane.getValue().stream()
                    .filter(w -> w.op() == Op.SUBMIT && w.entity() == null).map(Write::value).collect(Collectors.toSet());
            Map<String, List<Write>> byRequest = lane.getValue().stream().filter(w -> w.entity() != null)
                    .collect(Collectors.groupingBy(Write::entity));
            for (var request : byRequest.entrySet()) {
                RequestState row = rows.get(request.getKey());
                List<Write> ops = request.getValue();
                boolean acked = ops.stream().anyMatch(w -> w.outcome() == Outcome.ACKED);
                if (row == null) {
                    if (acked) {
                        violations.add("acknowledged request " + request.getKey() + " of " + lane.getKey() + " is missing");
                    }
                    continue;
                }
                Set<RequestState> allowed = allowedStates(ops, unclaimedSubmits);
                if (!allowed.contains(row)) {
                    violations.add("request " + request.getKey() + " is " + row + "; the writes allow only " + allowed);
                }
                int updates = count(audit, "ACCESS_REQUEST_UPDATED", requestPath(request.getKey()));
                long ackedUpdates = ops.stream().filter(w -> w.op() == Op.UPDATE && w.outcome() == Outcome.ACKED).count();
                long doubtfulUpdates = ops.stream().filter(w -> w.op() == Op.UPDATE && w.outcome() == Outcome.IN_DOUBT).count();
                if (updates < ackedUpdates || updates > ackedUpdates + doubtfulUpdates) {
                    violations.add("request " + request.getKey() + " has " + updates + " UPDATED audit rows for "
                            + ackedUpdates + " acknowledged and " + doubtfulUpdates + " in-doubt updates");
                }
            }
            long ackedCreated = byRequest.values().stream()
                    .filter(ops -> ops.stream().anyMatch(w -> w.op() == Op.SUBMIT && w.outcome() == Outcome.ACKED)).count();
            long stored = requesterOf.values().stream().filter(lane.getKey()::equals).count();
            if (stored < ackedCreated || stored > ackedCreated + unclaimedSubmits.size()
                    + byRequest.values().stream().filter(ops -> ops.stream().noneMatch(w -> w.op() == Op.SUBMIT)).count()) {
                violations.add(lane.getKey() + " has " + stored + " requests stored for " + ackedCreated
                        + " acknowledged submissions and " + unclaimedSubmits.size() + " in-doubt ones");
            }
        }
        Map<String, Long> pending = rows.entrySet().stream().filter(e -> e.getValue().status().equals("PENDING"))
                .collect(Collectors.groupingBy(e -> requesterOf.get(e.getKey()), Collectors.counting()));
        pending.forEach((member, count) -> {
            if (count > 1) {
                violations.add(member + " has " + count + " pending requests");
            }
        });
        long pendingRows = rows.values().stream().filter(r -> r.status().equals("PENDING")).count();
        // No row yet is consistent: it is created from the requests when first needed.
        String counted = single(db, "SELECT COALESCE((SELECT CAST(pending AS VARCHAR) FROM vg_areq_pending WHERE realm_id = ?), "
                + "'none')", realm);
        if (!counted.equals("none") && Long.parseLong(counted) != pendingRows) {
            violations.add("the realm's pending count row says " + counted + " for " + pendingRows + " pending requests");
        }
        for (var row : rows.entrySet()) {
            String path = requestPath(row.getKey());
            expectAudit(audit, "ACCESS_REQUEST_SUBMITTED", path, 1, violations);
            expectAudit(audit, "ACCESS_REQUEST_GRANTED", path, row.getValue().status().equals("GRANTED") ? 1 : 0, violations);
            expectAudit(audit, "ACCESS_REQUEST_DECLINED", path, row.getValue().status().equals("DECLINED") ? 1 : 0, violations);
        }
        audit.forEach((type, paths) -> paths.keySet().stream()
                .filter(path -> path.startsWith("viewgate/access-requests/"))
                .filter(path -> !rows.containsKey(path.substring("viewgate/access-requests/".length())))
                .forEach(path -> violations.add(type + " audit row for a request that does not exist: " + path)));
        return rows.size();
    }

    /**
     * The states a request may be in after its writes, in the order they were sent: an acknowledged write was applied,
     * an in-doubt one may or may not have been. A request first seen after an in-doubt submission starts from it.
     */
    private static Set<RequestState> allowedStates(List<Write> ops, Set<String> unclaimedSubmits) {
        Set<RequestState> states = new LinkedHashSet<>();
        if (ops.get(0).op() != Op.SUBMIT) {
            unclaimedSubmits.forEach(message -> states.add(new RequestState("PENDING", message, null)));
        }
        for (Write write : ops) {
            Set<RequestState> next = new LinkedHashSet<>();
            if (write.outcome() == Outcome.IN_DOUBT) {
                next.addAll(states);
            }
            if (write.op() == Op.SUBMIT) {
                next.add(new RequestState("PENDING", write.value(), null));
            }
            for (RequestState state : states) {
                switch (write.op()) {
                    case UPDATE -> next.add(new RequestState("PENDING", write.value(), null));
                    case GRANT -> next.add(new RequestState("GRANTED", state.message(), write.value()));
                    case DECLINE -> next.add(new RequestState("DECLINED", state.message(), null));
                    default -> { }
                }
            }
            states.clear();
            states.addAll(next);
        }
        return states;
    }

    private int checkGrants(Connection db, String realm, List<Write> writes, Map<String, Map<String, Integer>> audit,
            List<String> violations) throws SQLException {
        Set<String> principals = new HashSet<>();
        try (PreparedStatement query = db.prepareStatement(
                "SELECT username FROM user_entity WHERE realm_id = ? AND username LIKE 'viewgate-guest-%'")) {
            query.setString(1, realm);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    principals.add(rs.getString(1));
                }
            }
        }
        Map<String, String> labelOf = new HashMap<>();
        Map<String, Boolean> revoked = new HashMap<>();
        Map<String, Boolean> ended = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement("SELECT id, label, revoked_at IS NOT NULL, "
                + "revoked_at IS NOT NULL OR expired_at IS NOT NULL FROM vg_guest_grant WHERE realm_id = ?")) {
            query.setString(1, realm);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    labelOf.put(rs.getString(1), rs.getString(2));
                    revoked.put(rs.getString(1), rs.getBoolean(3));
                    ended.put(rs.getString(1), rs.getBoolean(4));
                }
            }
        }
        List<Write> grantWrites = writes.stream().filter(w -> w.op() == Op.SHARE || w.op() == Op.REVOKE).toList();
        Map<String, Long> rowsPerLabel = labelOf.values().stream().filter(Objects::nonNull)
                .collect(Collectors.groupingBy(label -> label, Collectors.counting()));
        Set<String> sharedLabels = new HashSet<>();
        for (Write write : grantWrites) {
            if (write.op() == Op.SHARE) {
                sharedLabels.add(write.value());
                long stored = rowsPerLabel.getOrDefault(write.value(), 0L);
                if (write.outcome() == Outcome.ACKED ? stored != 1 : stored > 1) {
                    violations.add("share " + write.value() + " (" + write.outcome() + ") is stored " + stored + " times");
                }
            } else if (write.outcome() == Outcome.ACKED && !revoked.getOrDefault(write.entity(), false)) {
                violations.add("acknowledged revocation of " + write.entity() + " is not stored");
            }
        }
        Set<String> revokeAttempts = grantWrites.stream().filter(w -> w.op() == Op.REVOKE).map(Write::entity)
                .collect(Collectors.toSet());
        for (var grant : labelOf.entrySet()) {
            String id = grant.getKey();
            String label = grant.getValue();
            boolean fromWorkload = label != null && label.startsWith("guest-");
            if (fromWorkload && !sharedLabels.contains(label)) {
                violations.add("grant " + id + " (" + label + ") was never shared");
            }
            if (fromWorkload && revoked.get(id) && !revokeAttempts.contains(id)) {
                violations.add("grant " + id + " is revoked but nobody revoked it");
            }
            String path = guestPathSuffix(id);
            expectAuditSuffix(audit, "GUEST_GRANT_CREATED", path, 1, violations);
            expectAuditSuffix(audit, "GUEST_GRANT_REVOKED", path, revoked.get(id) ? 1 : 0, violations);
            boolean principal = principals.contains("viewgate-guest-" + id);
            if (principal == ended.get(id)) {
                violations.add("grant " + id + (ended.get(id) ? " has ended but its principal user remains"
                        : " is active but has no principal user"));
            }
        }
        return labelOf.size();
    }

    private static Map<String, Map<String, Integer>> auditCounts(Connection db, String realm) throws SQLException {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement("SELECT event_type, resource_path, count(*) FROM vg_audit_event "
                + "WHERE realm_id = ? AND resource_path IS NOT NULL GROUP BY event_type, resource_path")) {
            query.setString(1, realm);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    counts.computeIfAbsent(rs.getString(1), type -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
                }
            }
        }
        return counts;
    }

    private static String requestPath(String id) {
        return "viewgate/access-requests/" + id;
    }

    private static String guestPathSuffix(String grantId) {
        return "/guests/" + grantId;
    }

    private static int count(Map<String, Map<String, Integer>> audit, String type, String path) {
        return audit.getOrDefault(type, Map.of()).getOrDefault(path, 0);
    }

    private static void expectAudit(Map<String, Map<String, Integer>> audit, String type, String path, int expected,
            List<String> violations) {
        int seen = count(audit, type, path);
        if (seen != expected) {
            violations.add(path + ": " + seen + " " + type + " audit rows, expected " + expected);
        }
    }

    /** As {@link #expectAudit}, for a grant's path, known by its end. */
    private static void expectAuditSuffix(Map<String, Map<String, Integer>> audit, String type, String suffix, int expected,
            List<String> violations) {
        int seen = audit.getOrDefault(type, Map.of()).entrySet().stream().filter(e -> e.getKey().endsWith(suffix))
                .mapToInt(Map.Entry::getValue).sum();
        if (seen != expected) {
            violations.add("grant" + suffix + ": " + seen + " " + type + " audit rows, expected " + expected);
        }
    }

    private static String single(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row for " + sql + " with " + parameter);
                }
                return rs.getString(1);
            }
        }
    }
}
