package dev.viewgate.base;

import java.util.Optional;
import org.keycloak.models.UserSessionModel;

/**
 * Where an active view-as lives: notes of the member's SSO user session, which Keycloak replicates across the cluster
 * and shares with every client of that session. Readers treat an expired view-as as inactive.
 */
public final class ViewAsNotes {

    public static final String MODE = "viewgate.viewAs.mode";
    public static final String TIER = "viewgate.viewAs.tier";
    public static final String USER_ID = "viewgate.viewAs.userId";
    public static final String USERNAME = "viewgate.viewAs.username";
    public static final String STARTED_AT = "viewgate.viewAs.startedAt";
    public static final String EXPIRES_AT = "viewgate.viewAs.expiresAt";

    /** What the notes say, read once. */
    public record State(String mode, int tier, String userId, String username, long startedAt, long expiresAt) {

        public boolean isUserMode() {
            return "user".equals(mode);
        }

        public boolean isExpired(long nowMillis) {
            return nowMillis >= expiresAt;
        }
    }

    private ViewAsNotes() {
    }

    /** The session's view-as, expired or not; empty when none was started. */
    public static Optional<State> read(UserSessionModel session) {
        if (session == null || session.getNote(MODE) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new State(session.getNote(MODE), Integer.parseInt(session.getNote(TIER)),
                    session.getNote(USER_ID), session.getNote(USERNAME), Long.parseLong(session.getNote(STARTED_AT)),
                    Long.parseLong(session.getNote(EXPIRES_AT))));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /** The session's view-as if it is in force now. */
    public static Optional<State> active(UserSessionModel session) {
        return read(session).filter(state -> !state.isExpired(System.currentTimeMillis()));
    }

    public static void write(UserSessionModel session, State state) {
        session.setNote(TIER, Integer.toString(state.tier()));
        if (state.userId() != null) {
            session.setNote(USER_ID, state.userId());
            session.setNote(USERNAME, state.username());
        }
        session.setNote(STARTED_AT, Long.toString(state.startedAt()));
        session.setNote(EXPIRES_AT, Long.toString(state.expiresAt()));
        session.setNote(MODE, state.mode()); // last: readers take MODE as "the other notes are there"
    }

    public static void clear(UserSessionModel session) {
        for (String note : new String[] {MODE, TIER, USER_ID, USERNAME, STARTED_AT, EXPIRES_AT}) {
            session.removeNote(note);
        }
    }
}
