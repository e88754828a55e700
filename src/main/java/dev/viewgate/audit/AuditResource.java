package dev.viewgate.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewgate.adapter.AdminAccess;
import dev.viewgate.base.QueryParams;
import dev.viewgate.base.ViewgateException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** {@code /admin/realms/{r}/viewgate/audit}: query, export, verify and retention, for Keycloak admins. */
@Tag(name = "Audit")
public final class AuditResource {

    static final int MAX_PAGE = 1000;
    private static final int EXPORT_PAGE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminAccess access;

    public AuditResource(KeycloakSession session, RealmModel realm, AdminAccess access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Audit rows of the realm, newest first")
    @APIResponse(responseCode = "200", description = "A page of rows",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AuditEventRepresentation.class)))
    @APIResponse(responseCode = "400", description = "Unknown type, malformed date, max outside 1..1000 or negative first")
    @APIResponse(responseCode = "403", description = "The caller lacks view-events")
    public List<AuditEventRepresentation> search(@QueryParam("type") String type, @QueryParam("actor") String actor,
                                                 @QueryParam("subject") String subject, @QueryParam("from") String from,
                                                 @QueryParam("to") String to, @QueryParam("first") String first,
                                                 @QueryParam("max") String max) {
        access.requireViewEvents();
        AuditFilter filter = AuditFilter.parse(type, actor, subject, from, to);
        QueryParams.Page page = QueryParams.page(first, max, 100, MAX_PAGE);
        return new AuditQuery(session).newestFirst(realm.getId(), filter, page.first(), page.max()).stream()
                .map(row -> AuditEventRepresentation.of(row, realm.getName()))
                .toList();
    }

    @GET
    @Path("export")
    @Operation(summary = "All matching rows, oldest first, streamed as NDJSON (one JSON object a line) or CSV")
    @APIResponse(responseCode = "200", description = "The export")
    @APIResponse(responseCode = "400", description = "Unknown format or a malformed filter")
    @APIResponse(responseCode = "403", description = "The caller lacks view-events")
    public Response export(@QueryParam("format") @DefaultValue("ndjson") String format, @QueryParam("type") String type,
                           @QueryParam("actor") String actor, @QueryParam("subject") String subject,
                           @QueryParam("from") String from, @QueryParam("to") String to) {
        access.requireViewEvents();
        AuditFilter filter = AuditFilter.parse(type, actor, subject, from, to);
        boolean csv = switch (format) {
            case "ndjson" -> false;
            case "csv" -> true;
            default -> throw ViewgateException.badRequest("invalid_parameter", "format must be ndjson or csv");
        };
        StreamingOutput body = output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            if (csv) {
                writer.write(AuditCsv.line(AuditCsv.HEADER));
            }
            exportPages(filter, row -> {
                if (csv) {
                    writer.write(AuditCsv.line(AuditCsv.cells(row, realm.getName())));
                } else {
                    writer.write(JSON.writeValueAsString(AuditEventRepresentation.of(row, realm.getName())));
                    writer.write('\n');
                }
            });
            writer.flush();
        };
        String fileName = "viewgate-audit-" + realm.getName() + (csv ? ".csv" : ".ndjson");
        return Response.ok(body, csv ? "text/csv; charset=utf-8" : "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check the realm's hash chain, from the oldest remaining row to the newest sealed one")
    @APIResponse(responseCode = "200", description = "{valid, checked, firstBrokenSeq}",
            content = @Content(schema = @Schema(implementation = AuditVerifier.Verification.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks view-events")
    public AuditVerifier.Verification verify() {
        access.requireViewEvents();
        return new AuditVerifier(session).verify(realm.getId());
    }

    @GET
    @Path("chain")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The hash chain's head: rows sealed and kept, up to which sequence number, and rows not yet sealed; "
            + "answers at once at any size, where verify reads every row")
    @APIResponse(responseCode = "200", description = "{sealed, sealedThrough, prunedThrough, unsealed}",
            content = @Content(schema = @Schema(implementation = AuditVerifier.ChainStatus.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks view-events")
    public AuditVerifier.ChainStatus chain() {
        access.requireViewEvents();
        return new AuditVerifier(session).status(realm.getId());
    }

    @POST
    @Path("retention")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apply the realm's retention (viewgate.audit.retentionDays) now instead of at the next hourly run")
    @APIResponse(responseCode = "200", description = "{removed}")
    @APIResponse(responseCode = "403", description = "The caller lacks manage-events")
    public Map<String, Integer> applyRetention() {
        access.requireManageEvents();
        return Map.of("removed", new AuditRetention(session).apply(realm, System.currentTimeMillis(), access.caller().user()));
    }

    private interface RowWriter {
        void write(AuditEventEntity row) throws java.io.IOException;
    }

    /** Reads the export a page at a time, each in its own short transaction, so no export is held in memory. */
    private void exportPages(AuditFilter filter, RowWriter writer) throws java.io.IOException {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = realm.getId();
        Long afterTime = null;
        String afterId = null;
        while (true) {
            Long pageAfterTime = afterTime;
            String pageAfterId = afterId;
            List<AuditEventEntity> page = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    s -> new AuditQuery(s).oldestFirstAfter(realmId, filter, pageAfterTime, pageAfterId, EXPORT_PAGE));
            for (AuditEventEntity row : page) {
                writer.write(row);
            }
            if (page.size() < EXPORT_PAGE) {
                return;
            }
            AuditEventEntity last = page.get(page.size() - 1);
            afterTime = last.getTime();
            afterId = last.getId();
        }
    }
}
