package dev.viewgate.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;

/** An audit row as the API and the NDJSON export show it. {@code seq} and {@code hash} are null until sealed. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEventRepresentation(String id, Long seq, String time, String realm, String type, Ref actor,
                                       Ref subject, String resource, JsonNode details, String ip, String hash) {

    /** A user as a row names it. */
    public record Ref(String id, String username) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static AuditEventRepresentation of(AuditEventEntity row, String realmName) {
        Ref subject = row.getSubjectId() == null && row.getSubjectUsername() == null ? null
                : new Ref(row.getSubjectId(), row.getSubjectUsername());
        return new AuditEventRepresentation(row.getId(), row.getSeq(), Instant.ofEpochMilli(row.getTime()).toString(),
                realmName, row.getType(), new Ref(row.getActorId(), row.getActorUsername()), subject, row.getResource(),
                details(row.getDetails()), row.getIp(), row.getHash());
    }

    private static JsonNode details(String json) {
        if (json == null) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(json);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(json);
        }
    }
}
