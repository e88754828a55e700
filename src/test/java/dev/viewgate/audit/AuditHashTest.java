package dev.viewgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditHashTest {

    private static AuditEventEntity row() {
        AuditEventEntity row = new AuditEventEntity();
        row.setId("id-1");
        row.setRealmId("realm-1");
        row.setSeq(7L);
        row.setTime(1_700_000_000_000L);
        row.setType("VIEW_UPDATED");
        row.setActorId("a");
        row.setActorUsername("ada");
        row.setResource("views/x");
        row.setDetails("{\"k\":\"v\"}");
        return row;
    }

    @Test
    void sameContentSameHashAndEveryFieldCounts() {
        String hash = AuditHash.of(AuditHash.GENESIS, row());
        assertEquals(64, hash.length());
        assertEquals(hash, AuditHash.of(AuditHash.GENESIS, row()));
        assertNotEquals(hash, AuditHash.of("1".repeat(64), row()), "the previous hash counts");
        AuditEventEntity other = row();
        other.setSeq(8L);
        assertNotEquals(hash, AuditHash.of(AuditHash.GENESIS, other), "the sequence counts");
        other = row();
        other.setDetails("{\"k\":\"w\"}");
        assertNotEquals(hash, AuditHash.of(AuditHash.GENESIS, other), "the details count");
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        AuditEventEntity a = row();
        a.setActorId("ab");
        a.setActorUsername("c");
        AuditEventEntity b = row();
        b.setActorId("a");
        b.setActorUsername("bc");
        assertNotEquals(AuditHash.of(AuditHash.GENESIS, a), AuditHash.of(AuditHash.GENESIS, b));
        AuditEventEntity empty = row();
        empty.setSubjectId("");
        assertNotEquals(AuditHash.of(AuditHash.GENESIS, row()), AuditHash.of(AuditHash.GENESIS, empty), "null is not empty");
    }

    @Test
    void secretsAreRefusedInDetails() {
        for (String key : new String[] {"secret", "guest_secret", "password", "access_token", "refreshToken"}) {
            assertThrows(IllegalArgumentException.class, () -> AuditLog.requireNoSecrets(Map.of(key, "x")), key);
        }
        AuditLog.requireNoSecrets(Map.of("tokenSeconds", 300, "grantedRole", "viewer", "hint", "a1b2"));
    }
}
