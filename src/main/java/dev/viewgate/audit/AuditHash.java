package dev.viewgate.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain of audit rows: a row's hash is SHA-256 over the previous row's hash and the row's canonical
 * content, which includes its sequence number. Changing, removing or reordering a sealed row breaks the chain.
 */
public final class AuditHash {

    /** The "previous hash" of a realm's first row. */
    public static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    public static String of(String prevHash, AuditEventEntity row) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        // Each field is length-prefixed, so no two different rows share a canonical form.
        for (String field : new String[] {prevHash, String.valueOf(row.getSeq()), row.getId(), row.getRealmId(),
                Long.toString(row.getTime()), row.getType(), row.getActorId(), row.getActorUsername(),
                row.getSubjectId(), row.getSubjectUsername(), row.getResource(), row.getDetails(), row.getIp()}) {
            byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
            sha256.update((field == null ? "-1:" : bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha256.update(bytes);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
