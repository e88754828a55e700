package dev.viewgate.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions in memory, keyed by their random id; idle sessions are dropped. */
public final class SessionStore {

    private static final Duration IDLE = Duration.ofHours(8);
    private static final int MAX_SESSIONS = 10_000;

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public Session create() {
        if (sessions.size() >= MAX_SESSIONS) {
            purgeIdle();
        }
        Session session = new Session(Randoms.token());
        sessions.put(session.id(), session);
        return session;
    }

    public Optional<Session> find(String id) {
        if (id == null || id.length() != 43) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (session.lastSeen().plus(IDLE).isBefore(Instant.now())) {
            sessions.remove(id);
            return Optional.empty();
        }
        session.touch();
        return Optional.of(session);
    }

    public void remove(Session session) {
        sessions.remove(session.id());
    }

    private void purgeIdle() {
        Instant cutoff = Instant.now().minus(IDLE);
        sessions.values().removeIf(s -> s.lastSeen().isBefore(cutoff));
    }
}
