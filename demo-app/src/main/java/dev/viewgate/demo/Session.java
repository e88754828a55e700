package dev.viewgate.demo;

import java.time.Instant;

/**
 * One browser's server-side session, found by a random 256-bit cookie value. Members and guests have separate
 * sessions (and cookies). Everything mutable is guarded by the session's monitor.
 */
public final class Session {

    /** An authorization request in flight: checked at the callback. */
    public record PendingLogin(String state, String nonce, String codeVerifier, String returnTo, Instant startedAt) {
    }

    private final String id;
    private final String csrfToken = Randoms.token();
    private volatile Instant lastSeen = Instant.now();
    private PendingLogin pendingLogin;
    private MemberTokens member;
    private GuestPass guest;
    private Flash flash;

    Session(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public String csrfToken() {
        return csrfToken;
    }

    public boolean csrfMatches(String token) {
        return Randoms.same(csrfToken, token);
    }

    Instant lastSeen() {
        return lastSeen;
    }

    void touch() {
        lastSeen = Instant.now();
    }

    public synchronized PendingLogin pendingLogin() {
        return pendingLogin;
    }

    public synchronized void pendingLogin(PendingLogin login) {
        this.pendingLogin = login;
    }

    public synchronized MemberTokens member() {
        return member;
    }

    public synchronized void member(MemberTokens tokens) {
        this.member = tokens;
    }

    public synchronized GuestPass guest() {
        return guest;
    }

    public synchronized void guest(GuestPass pass) {
        this.guest = pass;
    }

    /**
     * A one-time message for the next page: a success (with, for a new share, the link that is shown only once) or an
     * error, which the page shows as one.
     */
    public record Flash(boolean error, String message, String link) {
    }

    /** A one-time success message (and a link to show once, or null) for the next page. */
    public synchronized void flash(String message, String link) {
        this.flash = new Flash(false, message, link);
    }

    /** A one-time error message for the next page. */
    public synchronized void flashError(String message) {
        this.flash = new Flash(true, message, null);
    }

    /** The one-time message, or null; cleared once read. */
    public synchronized Flash takeFlash() {
        Flash taken = flash;
        flash = null;
        return taken;
    }
}
