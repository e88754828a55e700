package dev.viewgate.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which grant each link this app created belongs to, by the SHA-256 of the link's secret (the secret itself is not
 * kept). Viewgate answers every refused secret with the same {@code invalid_grant}, on purpose; the app that made the
 * link knows which grant it is and may ask Viewgate about that grant, so a guest who opens an expired link for the
 * first time is told it expired rather than that it was revoked. In memory, the newest 10,000 links: after a restart,
 * or for links made elsewhere, the reason stays unknown and the page says so.
 */
public final class LinkBook {

    /** A link's grant and view. */
    public record Entry(String grantId, String viewKey) {
    }

    private static final int MAX_ENTRIES = 10_000;

    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public synchronized void remember(String secret, String grantId, String viewKey) {
        if (secret != null && !secret.isEmpty() && grantId != null && !grantId.isEmpty()) {
            entries.put(hash(secret), new Entry(grantId, viewKey));
        }
    }

    public synchronized Optional<Entry> find(String secret) {
        return secret == null ? Optional.empty() : Optional.ofNullable(entries.get(hash(secret)));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
