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
    private String flashMessage;
    private String flashLink;

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

    /** A one-time message for the next page. */
    public synchronized void flash(String message, String link) {
        this.flashMessage = message;
        this.flashLink = link;
    }

    /** The one-time message and link (each possibly null), cleared once read. */
    public synchronized String[] takeFlash() {
        String[] flash = {flashMessage, flashLink};
        flashMessage = null;
        flashLink = null;
        return flash;
    }
}
