package dev.viewgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The members' side: OpenID Connect sign-in (code + PKCE S256, state, nonce), the views, sharing with guests,
 * view as and sign-out. Every permission is checked again in the POST handlers.
 */
public final class MemberRoutes {

    public static final String COOKIE = "vg_session";

    private static final Logger LOG = Logger.getLogger(MemberRoutes.class.getName());
    private static final Pattern VIEW_PATH = Pattern.compile("^/views/([a-z0-9-]{1,64})(/.*)?$");
    private static final Pattern ROW_PATH = Pattern.compile("^/rows/(\\d{1,9})$");
    private static final Pattern GRANT_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    private static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(10);

    /** A signed-in request: the session, its tokens (current as of Viewgate's freshness check) and what it said. */
    private record Member(Session session, MemberTokens tokens, AccountNews news) {
    }

    private final AppConfig config;
    private final KeycloakClient keycloak;
    private final TokenVerifier verifier;
    private final SessionStore sessions;
    private final Workspace workspace;
    private final Pages pages;
    private final Responses responses;
    private final LinkBook links;

    public MemberRoutes(AppConfig config, KeycloakClient keycloak, TokenVerifier verifier, SessionStore sessions,
                        Workspace workspace, Pages pages, Responses responses, LinkBook links) {
        this.config = config;
        this.keycloak = keycloak;
        this.verifier = verifier;
        this.sessions = sessions;
        this.workspace = workspace;
        this.pages = pages;
        this.responses = responses;
        this.links = links;
    }

    /** Handles the request when it is one of ours; false otherwise. */
    public boolean handle(Request request) throws IOException {
        String path = request.path();
        boolean get = "GET".equals(request.method()) || "HEAD".equals(request.method());
        boolean post = "POST".equals(request.method());
        if (get && "/".equals(path)) {
            home(request);
        } else if (get && "/login".equals(path)) {
            login(request);
        } else if (get && "/callback".equals(path)) {
            callback(request);
        } else if (post && "/logout".equals(path)) {
            logout(request);
        } else if (get && "/view-as/return".equals(path)) {
            viewAsReturn(request);
        } else if (post && "/view-as/exit".equals(path)) {
            viewAsExit(request);
        } else {
            Matcher view = VIEW_PATH.matcher(path);
            if (!view.matches()) {
                return false;
            }
            return viewRoute(request, view.group(1), view.group(2) == null ? "" : view.group(2), get, post);
        }
        return true;
    }

    // ---- sign-in and sign-out ----

    private void home(Request request) throws IOException {
        Optional<Member> member = signedIn(request);
        if (member.isEmpty()) {
            responses.html(request.exchange(), 200, pages.signedOut());
            return;
        }
        Member m = member.get();
        responses.html(request.exchange(), 200, pages.home(m.session(), m.tokens(), m.news(), workspace));
    }

    private void login(Request request) throws IOException {
        Session session = sessions.find(request.cookie(COOKIE)).orElseGet(() -> {
            Session created = sessions.create();
            responses.setCookie(request.exchange(), COOKIE, created.id());
            return created;
        });
        String state = Randoms.token();
        String nonce = Randoms.token();
        String verifierValue = Randoms.token() + Randoms.token();
        session.pendingLogin(new Session.PendingLogin(state, nonce, verifierValue, localPath(request.query("returnTo")),
                Instant.now()));
        responses.redirect(request.exchange(), keycloak.authorizationUrl(state, nonce, verifierValue));
    }

    private void callback(Request request) throws IOException {
        Optional<Session> found = sessions.find(request.cookie(COOKIE));
        Session.PendingLogin pending = found.map(Session::pendingLogin).orElse(null);
        if (pending == null || !Randoms.same(pending.state(), request.query("state"))
                || pending.startedAt().plus(LOGIN_TIMEOUT).isBefore(Instant.now())) {
            responses.html(request.exchange(), 400, Pages.message("Sign-in failed",
                    "The sign-in answer does not match a sign-in started here. Please sign in again.", "login-failed",
                    "/login", "Sign in again"));
            return;
        }
        found.get().pendingLogin(null);
        if (request.query("error") != null || request.query("code") == null) {
            responses.html(request.exchange(), 400, Pages.message("Sign-in failed",
                    "Keycloak answered: " + Optional.ofNullable(request.query("error")).orElse("no code"), "login-failed",
                    "/login", "Sign in again"));
            return;
        }
        MemberTokens tokens;
        try {
            JsonNode answer = keycloak.exchangeCode(request.query("code"), pending.codeVerifier());
            String idToken = answer.path("id_token").asText(null);
            if (idToken == null) {
                throw new TokenVerifier.InvalidTokenException("No ID token in the answer", null);
            }
            verifier.idToken(idToken, pending.nonce());
            tokens = memberTokens(answer, null);
        } catch (KeycloakClient.KeycloakException | TokenVerifier.InvalidTokenException e) {
            LOG.warning("Sign-in failed: " + e.getMessage());
            responses.html(request.exchange(), 400, Pages.message("Sign-in failed", "Sign-in failed. Please try again.",
                    "login-failed", "/login", "Sign in again"));
            return;
        }
        // A fresh session id after sign-in (no session fixation).
        sessions.remove(found.get());
        Session session = sessions.create();
        session.member(tokens);
        responses.setCookie(request.exchange(), COOKIE, session.id());
        LOG.info("Signed in " + tokens.username() + " (" + Tiers.labelWithLevel(tokens.tier()) + ")");
        responses.redirect(request.exchange(), pending.returnTo());
    }

    private void logout(Request request) throws IOException {
        Optional<Session> session = sessions.find(request.cookie(COOKIE));
        if (session.isEmpty()) {
            responses.redirect(request.exchange(), "/");
            return;
        }
        if (!validPost(request, session.get())) {
            forbidden(request, "The form expired. Please go back and try again.", "/", "Home");
            return;
        }
        MemberTokens tokens = session.get().member();
        sessions.remove(session.get());
        responses.clearCookie(request.exchange(), COOKIE);
        responses.redirect(request.exchange(), tokens == null ? "/" : keycloak.endSessionUrl(tokens.idToken()));
    }

    // ---- view as ----

    private void viewAsReturn(Request request) throws IOException {
        Optional<Session> session = sessions.find(request.cookie(COOKIE));
        if (session.isEmpty() || session.get().member() == null || refresh(session.get()) == null) {
            responses.redirect(request.exchange(), "/login");
            return;
        }
        responses.redirect(request.exchange(), "/");
    }

    private void viewAsExit(Request request) throws IOException {
        Optional<Member> member = signedIn(request);
        if (member.isEmpty()) {
            responses.redirect(request.exchange(), "/login");
            return;
        }
        Session session = member.get().session();
        if (!validPost(request, session)) {
            forbidden(request, "The form expired. Please go back and try again.", "/", "Home");
            return;
        }
        try {
            KeycloakClient.Answer answer = keycloak.exitViewAs(member.get().tokens().accessToken());
            if (!answer.ok()) {
                session.flashError("Could not exit view as: " + answer.error());
            }
        } catch (KeycloakClient.KeycloakException e) {
            session.flashError("Could not exit view as: " + e.getMessage());
        }
        if (refresh(session) == null) {
            responses.redirect(request.exchange(), "/login");
            return;
        }
        responses.redirect(request.exchange(), "/");
    }

    // ---- views ----

    private boolean viewRoute(Request request, String key, String rest, boolean get, boolean post) throws IOException {
        Optional<DataView> found = workspace.view(key);
        if (found.isEmpty()) {
            return false;
        }
        DataView view = found.get();
        Optional<Member> signedIn = signedIn(request);
        if (signedIn.isEmpty()) {
            responses.redirect(request.exchange(), get ? "/login?returnTo=" + java.net.URLEncoder.encode(request.path(),
                    java.nio.charset.StandardCharsets.UTF_8) : "/login");
            return true;
        }
        Member member = signedIn.get();
        MemberAccess access = MemberAccess.of(member.tokens().tier(), view);
        String back = "/views/" + view.key();
        if (!access.read()) {
            forbidden(request, "You have no access to this workspace yet. Use “Request more access” on the home page to "
                    + "ask for it.", "/", "Home");
            return true;
        }
        if (get && rest.isEmpty()) {
            showView(request, 200, member, view, access, null, null);
            return true;
        }
        if (get && "/export.csv".equals(rest)) {
            if (!access.export()) {
                forbidden(request, "You may not export this view.", back, "Back to " + view.title());
                return true;
            }
            export(request, view);
            return true;
        }
        if (!post) {
            return false;
        }
        String backLabel = "Back to " + view.title();
        if (!validPost(request, member.session())) {
            forbidden(request, "The form expired. Please go back, reload the page and try again.", back, backLabel);
            return true;
        }
        Matcher row = ROW_PATH.matcher(rest);
        if (row.matches()) {
            if (!access.edit()) {
                forbidden(request, "You may not edit this view.", back, backLabel);
                return true;
            }
            editRow(request, member.session(), view, Integer.parseInt(row.group(1)), back);
        } else if ("/rows".equals(rest)) {
            if (!access.addRows()) {
                forbidden(request, "You may not add rows to this view.", back, backLabel);
                return true;
            }
            addRow(request, member.session(), view, back);
        } else if ("/settings".equals(rest)) {
            if (!access.changeSettings()) {
                forbidden(request, "You may not change this view's settings.", back, backLabel);
                return true;
            }
            changeSetting(request, member, view);
        } else if ("/guests".equals(rest) || "/public".equals(rest) || "/guests/revoke".equals(rest)) {
            if (!access.share()) {
                forbidden(request, view.shareable() ? "You may not share this view." : "This view is internal only.",
                        back, backLabel);
                return true;
            }
            switch (rest) {
                case "/guests" -> shareWithGuest(request, member, view, access);
                case "/public" -> sharePublicly(request, member, view, access);
                default -> revoke(request, member, view);
            }
        } else {
            return false;
        }
        return true;
    }

    private void showView(Request request, int status, Member member, DataView view, MemberAccess access,
                          ShareDraft guestDraft, ShareDraft publicDraft) throws IOException {
        JsonNode guests = null;
        String guestsError = null;
        if (access.share()) {
            try {
                KeycloakClient.Answer answer = keycloak.guests(member.tokens().accessToken(), view.key());
                if (answer.ok()) {
                    guests = answer.body();
                } else {
                    guestsError = "Could not list guests: " + answer.error();
                }
            } catch (KeycloakClient.KeycloakException e) {
                guestsError = "Could not list guests: " + e.getMessage();
            }
        }
        responses.html(request.exchange(), status, pages.view(member.session(), member.tokens(), member.news(),
                view, guests, guestsError, guestDraft, publicDraft));
    }

    static void editRow(Request request, Session session, DataView view, int rowId, String back,
                        Responses responses) throws IOException {
        try {
            if (!view.update(rowId, cells(request, view))) {
                session.flashError("That row no longer exists.");
            } else {
                session.flash("Row saved.", null);
            }
        } catch (IllegalArgumentException e) {
            session.flashError(e.getMessage());
        }
        responses.redirect(request.exchange(), back);
    }

    private void editRow(Request request, Session session, DataView view, int rowId, String back) throws IOException {
        editRow(request, session, view, rowId, back, responses);
    }

    static void addRow(Request request, Session session, DataView view, String back, Responses responses) throws IOException {
        try {
            view.add(cells(request, view));
            session.flash("Row added.", null);
        } catch (IllegalArgumentException | IllegalStateException e) {
            session.flashError(e.getMessage());
        }
        responses.redirect(request.exchange(), back);
    }

    private void addRow(Request request, Session session, DataView view, String back) throws IOException {
        addRow(request, session, view, back, responses);
    }

    private static List<String> cells(Request request, DataView view) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < view.columns().size(); i++) {
            cells.add(Optional.ofNullable(request.form("c" + i)).orElse(""));
        }
        return cells;
    }

    static void exportCsv(Request request, DataView view, Responses responses) throws IOException {
        String csv = Csv.of(view.columns(), view.rows().stream().map(DataView.Row::cells).toList());
        responses.download(request.exchange(), view.key() + ".csv", "text/csv; charset=utf-8", csv);
    }

    private void export(Request request, DataView view) throws IOException {
        exportCsv(request, view, responses);
    }

    private void changeSetting(Request request, Member member, DataView view) throws IOException {
        String setting = request.form("setting");
        String back = "/views/" + view.key();
        if (!ViewSettings.isSetting(setting)) {
            member.session().flashError("Unknown setting.");
            responses.redirect(request.exchange(), back);
            return;
        }
        ViewSettings changed = view.settings().with(setting, "true".equals(request.form("value")));
        try {
            // Viewgate learns of the change first: it is what guest permissions are intersected with.
            KeycloakClient.Answer answer = keycloak.putView(member.tokens().accessToken(), view.key(), changed);
            if (answer.ok()) {
                view.settings(changed);
                member.session().flash("Saved: " + setting + " is now " + (changedValue(changed, setting) ? "on" : "off") + ".", null);
            } else {
                member.session().flashError("Viewgate refused the change: " + answer.error());
            }
        } catch (KeycloakClient.KeycloakException e) {
            member.session().flashError("Could not reach Viewgate: " + e.getMessage());
        }
        responses.redirect(request.exchange(), back);
    }

    private static boolean changedValue(ViewSettings settings, String name) {
        return switch (name) {
            case "editable" -> settings.editable();
            case "addable" -> settings.addable();
            default -> settings.exportable();
        };
    }

    /**
     * {@code POST /views/{key}/guests}: a guest link with the chosen permissions, expiry and label. A refused form is
     * shown again as typed, with the reason in red; a created link is shown once, with what it allows.
     */
    private void shareWithGuest(Request request, Member member, DataView view, MemberAccess access) throws IOException {
        GuestAccess.Choice choice;
        Instant expires;
        ZoneId zone = Times.zone(request.form("timeZone"));
        try {
            choice = GuestAccess.choose(request.form("preset"), request.formValues("permission"), view.settings());
            expires = Times.expiry(request.form("expiresAt"), zone, Instant.now());
        } catch (IllegalArgumentException e) {
            showView(request, 422, member, view, access, ShareDraft.of(request, e.getMessage()), null);
            return;
        }
        ShareDraft draft = ShareDraft.of(request, null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("permissions", choice.given());
        if (expires != null) {
            body.put("expiresAt", expires.toString());
        }
        if (draft.labelOrNull() != null) {
            body.put("label", draft.labelOrNull());
        }
        body.put("public", false);
        Created created = create(member, view, body);
        if (created.refused() != null) {
            showView(request, 422, member, view, access, ShareDraft.of(request, created.refused()), null);
            return;
        }
        StringBuilder message = new StringBuilder("Guest link ")
                .append(draft.labelOrNull() == null ? "" : "“" + draft.labelOrNull() + "” ")
                .append("created for ").append(view.title()).append(": ").append(String.join(", ", choice.given()))
                .append(expires == null ? "; no end date." : "; works until " + Times.in(expires, zone) + ".");
        choice.leftOut().forEach((permission, reason) -> message.append(" Not included: ").append(permission)
                .append(", because ").append(reason).append("."));
        member.session().flash(message.toString(), created.link());
        responses.redirect(request.exchange(), "/views/" + view.key());
    }

    /**
     * {@code POST /views/{key}/public}: first the label and optional expiry are checked and a confirmation page says
     * that anyone with the link can read the view; only the confirmed post ({@code confirm=yes}) makes the link.
     */
    private void sharePublicly(Request request, Member member, DataView view, MemberAccess access) throws IOException {
        ZoneId zone = Times.zone(request.form("timeZone"));
        Instant expires;
        try {
            expires = Times.expiry(request.form("expiresAt"), zone, Instant.now());
        } catch (IllegalArgumentException e) {
            showView(request, 422, member, view, access, null, ShareDraft.of(request, e.getMessage()));
            return;
        }
        ShareDraft draft = ShareDraft.of(request, null);
        if (!"yes".equals(request.form("confirm"))) {
            responses.html(request.exchange(), 200, pages.confirmPublic(member.session(), member.tokens(),
                    member.news(), view, draft, expires));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("permissions", GuestAccess.READ_ONLY);
        if (expires != null) {
            body.put("expiresAt", expires.toString());
        }
        if (draft.labelOrNull() != null) {
            body.put("label", draft.labelOrNull());
        }
        body.put("public", true);
        Created created = create(member, view, body);
        if (created.refused() != null) {
            showView(request, 422, member, view, access, null, ShareDraft.of(request, created.refused()));
            return;
        }
        member.session().flash("Public link " + (draft.labelOrNull() == null ? "" : "“" + draft.labelOrNull() + "” ")
                + "created for " + view.title() + ": anyone with it can read the view"
                + (expires == null ? ", with no end date, until you revoke it." : ", until " + Times.in(expires, zone) + "."),
                created.link());
        responses.redirect(request.exchange(), "/views/" + view.key());
    }

    /** A share's outcome: the link to show once, or why Viewgate (or the way to it) refused. */
    private record Created(String link, String refused) {
    }

    /** Creates the grant at Viewgate with the member's token, and remembers which grant the link's secret belongs to. */
    private Created create(Member member, DataView view, Map<String, Object> body) {
        try {
            KeycloakClient.Answer answer = keycloak.createGuest(member.tokens().accessToken(), view.key(), body);
            String secret = answer.body().path("secret").asText("");
            if (answer.status() == 201 && !secret.isEmpty()) {
                links.remember(secret, answer.body().path("id").asText(""), view.key());
                return new Created(config.appUrl("/guest#" + secret), null);
            }
            String description = answer.body().path("error_description").asText("");
            return new Created(null, "Viewgate refused the link: " + (description.isEmpty() ? answer.error() : description));
        } catch (KeycloakClient.KeycloakException e) {
            return new Created(null, "Could not reach Viewgate: " + e.getMessage());
        }
    }

    /**
     * {@code POST /views/{key}/guests/revoke} (confirmed on the page): the grant is looked up first, so that the answer
     * can say which link was revoked, and refused when it is not one of this view's.
     */
    private void revoke(Request request, Member member, DataView view) throws IOException {
        String id = request.form("id");
        String back = "/views/" + view.key();
        Session session = member.session();
        if (id == null || !GRANT_ID.matcher(id).matches()) {
            session.flashError("Unknown link: nothing was revoked.");
            responses.redirect(request.exchange(), back);
            return;
        }
        try {
            KeycloakClient.Answer list = keycloak.guests(member.tokens().accessToken(), view.key());
            JsonNode grant = null;
            if (list.ok()) {
                for (JsonNode candidate : list.body()) {
                    if (id.equals(candidate.path("id").asText())) {
                        grant = candidate;
                    }
                }
            }
            if (!list.ok()) {
                session.flashError("Viewgate refused: " + list.error() + ". Nothing was revoked.");
            } else if (grant == null) {
                session.flashError("That link is not one of this view's links: nothing was revoked.");
            } else if (!"active".equals(grant.path("status").asText())) {
                session.flashError("That link is already " + grant.path("status").asText() + ": nothing was changed.");
            } else {
                KeycloakClient.Answer answer = keycloak.revokeGuest(member.tokens().accessToken(), view.key(), id);
                if (answer.ok()) {
                    session.flash("Revoked " + describeLink(grant) + " to " + view.title() + ": "
                            + (grant.path("public").asBoolean() ? "nobody can open it any more" : "the guest can no longer "
                            + "open it") + "; it stopped working at once.", null);
                } else {
                    session.flashError("Viewgate refused: " + answer.error() + ". Nothing was revoked.");
                }
            }
        } catch (KeycloakClient.KeycloakException e) {
            session.flashError("Could not reach Viewgate: " + e.getMessage() + ". Nothing was revoked.");
        }
        responses.redirect(request.exchange(), back);
    }

    /** "the guest link “ACME auditor” (…x4Fz, read, export, shared by bob)". */
    static String describeLink(JsonNode grant) {
        String label = grant.path("label").asText("");
        String hint = grant.path("secretHint").asText("");
        List<String> permissions = new ArrayList<>();
        grant.path("permissions").forEach(p -> permissions.add(p.asText()));
        String by = grant.path("createdBy").path("username").asText("");
        return "the " + (grant.path("public").asBoolean() ? "public" : "guest") + " link"
                + (label.isEmpty() ? "" : " “" + label + "”") + " ("
                + (hint.isEmpty() ? "" : "…" + hint + ", ") + String.join(", ", permissions)
                + (by.isEmpty() ? "" : ", shared by " + by) + ")";
    }

    // ---- session and tokens ----

    /**
     * The signed-in member of this request. Tokens are refreshed when the access token has (nearly) expired, and when
     * Viewgate's freshness check says it no longer tells the member's access (a tier granted, a view as started or
     * ended elsewhere), so every page shows the access of now. A session ended at Keycloak signs out of the app.
     */
    private Optional<Member> signedIn(Request request) {
        Optional<Session> session = sessions.find(request.cookie(COOKIE));
        if (session.isEmpty()) {
            return Optional.empty();
        }
        MemberTokens tokens = session.get().member();
        if (tokens == null) {
            return Optional.empty();
        }
        if (tokens.expiresSoon(Instant.now())) {
            tokens = refresh(session.get());
        }
        if (tokens == null) {
            return Optional.empty();
        }
        AccountNews news = AccountNews.UNKNOWN;
        try {
            KeycloakClient.Answer answer = keycloak.freshness(tokens.accessToken());
            if (answer.status() == 401) {
                LOG.info(tokens.username() + "'s Keycloak session has ended, signing out of the app");
                session.get().member(null);
                return Optional.empty();
            }
            if (answer.ok()) {
                news = AccountNews.of(answer.body());
                if (!answer.body().path("current").asBoolean(true)) {
                    tokens = refresh(session.get());
                }
            }
        } catch (KeycloakClient.KeycloakException e) {
            LOG.info("Keycloak could not be asked whether " + tokens.username() + "'s token is current: " + e.getMessage());
        }
        return tokens == null ? Optional.empty() : Optional.of(new Member(session.get(), tokens, news));
    }

    /** Refreshes the session's tokens; on failure the member is signed out of the app and null is returned. */
    private MemberTokens refresh(Session session) {
        synchronized (session) {
            MemberTokens current = session.member();
            if (current == null || current.refreshToken() == null) {
                return null;
            }
            try {
                MemberTokens refreshed = memberTokens(keycloak.refresh(current.refreshToken()), current);
                session.member(refreshed);
                return refreshed;
            } catch (KeycloakClient.KeycloakException | TokenVerifier.InvalidTokenException e) {
                LOG.info("Refreshing " + current.username() + "'s token failed, signing out of the app: " + e.getMessage());
                session.member(null);
                return null;
            }
        }
    }

    private MemberTokens memberTokens(JsonNode answer, MemberTokens previous) throws TokenVerifier.InvalidTokenException {
        String accessToken = answer.path("access_token").asText();
        JWTClaimsSet claims = verifier.accessToken(accessToken);
        if (Boolean.TRUE.equals(claims.getClaim("guest"))) {
            throw new TokenVerifier.InvalidTokenException("A guest token is not a member's token", null);
        }
        String refreshToken = answer.path("refresh_token").asText(previous == null ? null : previous.refreshToken());
        String idToken = answer.path("id_token").asText(previous == null ? null : previous.idToken());
        return MemberTokens.of(accessToken, refreshToken, idToken, claims);
    }

    private boolean validPost(Request request, Session session) {
        return sameOrigin(request, config) && session.csrfMatches(request.form("csrf"));
    }

    /** A POST from our own pages: the browser's {@code Origin}, when sent, must be the app's. */
    /**
     * A post from one of this app's own pages. They are served with {@code Referrer-Policy: no-referrer}, so browsers
     * send {@code Origin: null} on their form posts; {@code Sec-Fetch-Site}, which only the browser sets, then tells a
     * same-origin post from a cross-site one.
     */
    static boolean sameOrigin(Request request, AppConfig config) {
        String origin = request.header("Origin");
        if (config.appOrigin().equals(origin)) {
            return true;
        }
        return (origin == null || "null".equals(origin)) && "same-origin".equals(request.header("Sec-Fetch-Site"));
    }

    private void forbidden(Request request, String message, String back, String backLabel) throws IOException {
        responses.html(request.exchange(), 403, Pages.message("Not allowed", message, "forbidden", back, backLabel));
    }

    /** A local path to return to after sign-in: only "/..." paths of this app, never "//host". */
    static String localPath(String value) {
        if (value == null || !value.startsWith("/") || value.startsWith("//") || value.contains("\\")
                || value.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return "/";
        }
        return value;
    }
}
