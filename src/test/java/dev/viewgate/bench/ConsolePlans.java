package dev.viewgate.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's statements as Hibernate sends them (read from {@code --log-level=org.hibernate.SQL:debug} of a smoke
 * run), under {@code EXPLAIN (ANALYZE, BUFFERS)} on the seeded database, with the parameters the benchmark's requests
 * bind.
 */
final class ConsolePlans {

    private record Query(String name, String sql, List<Object> parameters) {
    }

    private static final String GRANT_AND_VIEW = "select gge1_0.ID,gge1_0.CREATED_AT,gge1_0.CREATED_BY_ID,"
            + "gge1_0.CREATED_BY_USERNAME,gge1_0.EXPIRED_AT,gge1_0.EXPIRES_AT,gge1_0.LABEL,gge1_0.LAST_USED_AT,"
            + "gge1_0.PERMISSIONS,gge1_0.PRINCIPAL_ID,gge1_0.PUBLIC_LINK,gge1_0.REALM_ID,gge1_0.REVOKED_AT,"
            + "gge1_0.REVOKED_BY_USERNAME,gge1_0.SECRET_HASH,gge1_0.SECRET_HINT,gge1_0.USE_COUNT,gge1_0.USER_SESSION_ID,"
            + "gge1_0.VIEW_ID,ve1_0.ID,ve1_0.ADDABLE,ve1_0.CLIENT_UUID,ve1_0.CREATED_AT,ve1_0.EDITABLE,ve1_0.EXPORTABLE,"
            + "ve1_0.NAME,ve1_0.REALM_ID,ve1_0.UPDATED_AT,ve1_0.VIEW_KEY from VG_GUEST_GRANT gge1_0,VG_VIEW ve1_0 "
            + "where ve1_0.ID=gge1_0.VIEW_ID and gge1_0.REALM_ID=?";
    private static final String GRANTS_ORDER = " order by gge1_0.CREATED_AT desc,gge1_0.ID offset ? rows fetch first ? rows only";
    private static final String ACTIVE = " and gge1_0.REVOKED_AT is null and gge1_0.EXPIRED_AT is null "
            + "and (gge1_0.EXPIRES_AT is null or gge1_0.EXPIRES_AT>?)";
    /** GuestGrantService.inventory with an app or view filter: the matching views, then each view's grants. */
    private static final String VIEWS_OF_APP = "select ve1_0.ID from VG_VIEW ve1_0 where ve1_0.REALM_ID=? and ve1_0.CLIENT_UUID=?";
    private static final String ONE_VIEW = " and gge1_0.VIEW_ID=?";
    private static final String AUDIT = "select aee1_0.ID,aee1_0.ACTOR_ID,aee1_0.ACTOR_USERNAME,aee1_0.DETAILS,aee1_0.HASH,"
            + "aee1_0.IP_ADDRESS,aee1_0.PREV_HASH,aee1_0.REALM_ID,aee1_0.RESOURCE_PATH,aee1_0.SEQ,aee1_0.SUBJECT_ID,"
            + "aee1_0.SUBJECT_USERNAME,aee1_0.EVENT_TIME,aee1_0.EVENT_TYPE from VG_AUDIT_EVENT aee1_0 where aee1_0.REALM_ID=?";
    private static final String AUDIT_ORDER = " order by aee1_0.EVENT_TIME desc,aee1_0.ID desc offset ? rows fetch first ? rows only";
    private static final String VIEW_AS = "select vae1_0.SESSION_ID,vae1_0.EXPIRES_AT,vae1_0.REALM_ID,vae1_0.USER_ID "
            + "from VG_VIEW_AS vae1_0 where vae1_0.REALM_ID=? order by vae1_0.SESSION_ID fetch first ? rows only";
    private static final String ROLE_MAPPINGS = "select urme1_0.ROLE_ID from USER_ROLE_MAPPING urme1_0 where urme1_0.USER_ID=?";
    private static final String GROUPS = "select ugme1_0.GROUP_ID from USER_GROUP_MEMBERSHIP ugme1_0 where ugme1_0.USER_ID=?";

    private ConsolePlans() {
    }

    /** Prints and keeps ({@code raw/console-plans.txt}) each plan; returns the names of those with a sequential scan. */
    static List<String> explain(Report report, Connection db, String realmId, ConsoleListsBench.Targets targets,
                                long lastSeq, long now) throws SQLException {
        ConsoleSeed.View busy = targets.busiestView();
        ConsoleSeed.View quiet = targets.quietestView();
        List<Query> queries = List.of(
                new Query("History: GRANTED, page 1", AccessRequestQueueBench.PAGE_SQL, List.of(realmId, "GRANTED", 0, 21)),
                new Query("History: GRANTED, page 101", AccessRequestQueueBench.PAGE_SQL, List.of(realmId, "GRANTED", 2000, 21)),
                new Query("Guests: active", GRANT_AND_VIEW + ACTIVE + GRANTS_ORDER, List.of(realmId, now, 0, 21)),
                new Query("Guests: revoked", GRANT_AND_VIEW + " and gge1_0.REVOKED_AT is not null" + GRANTS_ORDER,
                        List.of(realmId, 0, 21)),
                new Query("Guests: expired", GRANT_AND_VIEW + " and gge1_0.REVOKED_AT is null and (gge1_0.EXPIRED_AT is not null "
                        + "or gge1_0.EXPIRES_AT<=?)" + GRANTS_ORDER, List.of(realmId, now, 0, 21)),
                new Query("Guests: public", GRANT_AND_VIEW + " and gge1_0.PUBLIC_LINK=?" + GRANTS_ORDER, List.of(realmId, true, 0, 21)),
                new Query("Guests, app filter: the app's views", VIEWS_OF_APP, List.of(realmId, busy.clientUuid())),
                new Query("Guests, view filter: the view", VIEWS_OF_APP + " and ve1_0.VIEW_KEY=?",
                        List.of(realmId, quiet.clientUuid(), quiet.key())),
                new Query("Guests: one app, active (then for each of its views; the busiest)", GRANT_AND_VIEW + ACTIVE + ONE_VIEW
                        + GRANTS_ORDER, List.of(realmId, now, busy.id(), 0, 21)),
                new Query("Guests: busiest view", GRANT_AND_VIEW + ONE_VIEW + GRANTS_ORDER, List.of(realmId, busy.id(), 0, 21)),
                new Query("Guests: quietest view", GRANT_AND_VIEW + ONE_VIEW + GRANTS_ORDER, List.of(realmId, quiet.id(), 0, 21)),
                new Query("Guests: an app without grants (its one view)", GRANT_AND_VIEW + ACTIVE + ONE_VIEW + GRANTS_ORDER,
                        List.of(realmId, now, targets.newAppView().id(), 0, 21)),
                new Query("Overview: 6 active guests", GRANT_AND_VIEW + ACTIVE + GRANTS_ORDER, List.of(realmId, now, 0, 6)),
                new Query("Overview: the chain's unsealed rows", "select count(aee1_0.ID) from VG_AUDIT_EVENT aee1_0 "
                        + "where aee1_0.SEQ is null and aee1_0.REALM_ID=?", List.of(realmId)),
                new Query("Audit: newest", AUDIT + AUDIT_ORDER, List.of(realmId, 0, 21)),
                new Query("Audit: type GUEST_GRANT_REVOKED", AUDIT + " and aee1_0.EVENT_TYPE=?" + AUDIT_ORDER,
                        List.of(realmId, "GUEST_GRANT_REVOKED", 0, 21)),
                new Query("Audit: actor " + ConsoleSeed.ADMIN + " (busiest)", AUDIT
                        + " and (aee1_0.ACTOR_ID=? or aee1_0.ACTOR_USERNAME=?)" + AUDIT_ORDER,
                        List.of(realmId, ConsoleSeed.ADMIN, ConsoleSeed.ADMIN, 0, 21)),
                new Query("Audit: actor, one member", AUDIT + " and (aee1_0.ACTOR_ID=? or aee1_0.ACTOR_USERNAME=?)" + AUDIT_ORDER,
                        List.of(realmId, targets.memberActor(), targets.memberActor(), 0, 21)),
                new Query("Audit: subject, one member (id)", AUDIT + " and (aee1_0.SUBJECT_ID=? or aee1_0.SUBJECT_USERNAME=?)"
                        + AUDIT_ORDER, List.of(realmId, targets.subject(), targets.subject(), 0, 21)),
                new Query("Audit: one day (from, to)", AUDIT + " and aee1_0.EVENT_TIME>=? and aee1_0.EVENT_TIME<=?" + AUDIT_ORDER,
                        List.of(realmId, targets.dayStart(), targets.dayStart() + 86_399_999L, 0, 21)),
                new Query("audit/verify: one page of 1,000 (of " + (lastSeq + 999) / 1000 + ")", AUDIT
                        + " and aee1_0.SEQ>=? and aee1_0.SEQ<=? order by aee1_0.SEQ fetch first ? rows only",
                        List.of(realmId, lastSeq / 2, lastSeq, 1000)),
                new Query("View-as sessions (all rows of the realm, up to 10,000)", VIEW_AS, List.of(realmId, 10_000)),
                new Query("Ladder: the census's last page of users (offset 9,500)", AccessRequestQueueBench.USERS_SQL,
                        List.of(realmId, 9_500, 500)),
                new Query("Ladder: a user's role mappings (per user not in Keycloak's user cache)", ROLE_MAPPINGS,
                        List.of(AccessRequestQueueBench.userId(9_500))),
                new Query("Ladder: a user's groups (per user not in Keycloak's user cache)", GROUPS,
                        List.of(AccessRequestQueueBench.userId(9_500))));
        report.text("The console's statements as Hibernate sends them (read from `--log-level=org.hibernate.SQL:debug`), "
                + "under `EXPLAIN (ANALYZE, BUFFERS)` with the parameters the requests below bind. `settings` reads realm "
                + "attributes from Keycloak's realm cache and sends no SQL.");
        StringBuilder raw = new StringBuilder();
        List<List<String>> rows = new ArrayList<>();
        List<String> sequential = new ArrayList<>();
        for (Query query : queries) {
            String plan = AccessRequestQueueBench.plan(db, query.sql(), query.parameters());
            boolean seqScan = plan.contains("Seq Scan");
            if (seqScan) {
                sequential.add(query.name());
            }
            String access = seqScan ? "sequential scan of " + String.join(", ", plan.lines().filter(l -> l.contains("Seq Scan on "))
                    .map(l -> l.replaceAll(".*Seq Scan on (\\S+).*", "$1")).distinct().toList())
                    : plan.contains("Index") ? "index" : "other";
            rows.add(List.of(query.name(), access,
                    plan.lines().filter(l -> l.startsWith("Execution Time")).findFirst().orElse("").replace("Execution Time: ", ""),
                    plan.lines().map(String::strip).filter(l -> l.startsWith("Buffers")).findFirst().orElse("")));
            raw.append("-- ").append(query.name()).append('\n').append(query.sql()).append("\n-- ").append(query.parameters())
                    .append("\n\n").append(plan).append("\n\n");
        }
        report.table(List.of("Statement", "access", "execution", "buffers (top node)"), rows);
        report.text("Every plan in full, with its statement and parameters:\n\n```\n" + raw.toString().strip() + "\n```");
        report.rawText("console-plans.txt", raw.toString());
        return sequential;
    }
}
