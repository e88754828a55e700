package dev.viewgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guests' side: the landing page reads the secret from the URL fragment and posts it here; the app redeems it
 * at Keycloak ({@code urn:viewgate:grant-type:guest}) and keeps a guest session. Every guest request introspects
 * the token, so a revoked grant or a changed view setting counts at once; an expired token is re-exchanged.
 */
public final class GuestRoutes {

    public static final String COOKIE = "vg_guest";

    private static final Logger LOG = Logger.getLogger(GuestRoutes.class.getName());
    private static final Pattern ROW_PATH = Pattern.compile("^/guest/rows/(\\d{1,9})$");
    private static final int MAX_SECRET = 512;

    /** A guest request that may go on: its session, view and current permissions. */
    private record Guest(Session session, DataView view, GuestAccess access, SharedLink link) {
    }

    /** A redeemed secret: the guest token and what it names. */
    private record Redeemed(String token, String viewKey, String grantId) {
    }

    /**
     * Why a guest request may not go on: the page to show, or none when Keycloak refused the secret (the same
     * {@code invalid_grant} for every reason), which the caller then explains from what the app knows of the grant.
     */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String page;

        Refused(int status, String page) {
            super(null, null, false, false);
            this.status = status;
            this.page = page;
        }

        boolean secretRefused() {
            return page == null;
        }
    }

    private final AppConfig config;
    private final KeycloakClient keycloak;
    private final TokenVerifier verifier;
    private final SessionStore sessions;
    private final Workspace workspace;
    private final Responses responses;
    private final ObjectMapper json;
    private final LinkBook links;

    public GuestRoutes(AppConfig config, KeycloakClient keycloak, TokenVerifier verifier, SessionStore sessions,
                       Workspace workspace, Responses responses, ObjectMapper json, LinkBook links) {
        this.config = config;
        this.keycloak = keycloak;
        this.verifier = verifier;
        this.sessions = sessions;
        this.workspace = workspace;
        this.responses = responses;
        this.json = json;
        this.links = links;
    }

    public boolean handle(Request request) throws IOException {
        String path = request.path();
        boolean get = "GET".equals(request.method()) || "HEAD".equals(request.method());
        boolean post = "POST".equals(request.method());
        if (get && "/guest".equals(path)) {
            responses.html(request.exchange(), 200, Pages.guestLanding());
            return true;
        }
        if (post && "/guest/session".equals(path)) {
            startSession(request);
            return true;
        }
        if (!path.startsWith("/guest/")) {
            return false;
        }
        Matcher row = ROW_PATH.matcher(path);
        boolean known = get && ("/guest/view".equals(path) || "/guest/export.csv".equals(path))
                || post && ("/guest/rows".equals(path) || row.matches());
        if (!known) {
            return false;
        }
        Guest guest;
        try {
            guest = guest(request);
        } catch (Refused refused) {
            responses.html(request.exchange(), refused.status, refused.page);
            return true;
        }
        if (post && !(MemberRoutes.sameOrigin(request, config) && guest.session().csrfMatches(request.form("csrf")))) {
            forbidden(request, "The form expired. Please reload the shared view and try again.");
        } else if ("/guest/view".equals(path)) {
            responses.html(request.exchange(), 200, Pages.guestView(guest.session(), guest.view(), guest.access(), guest.link()));
        } else if ("/guest/export.csv".equals(path)) {
            if (guest.access().export()) {
                MemberRoutes.exportCsv(request, guest.view(), responses);
            } else {
                forbidden(request, "This link does not allow exporting.");
            }
        } else if ("/guest/rows".equals(path)) {
            if (guest.access().addRows()) {
                MemberRoutes.addRow(request, guest.session(), guest.view(), "/guest/view", responses);
            } else {
                forbidden(request, "This link does not allow adding rows.");
            }
        } else if (guest.access().edit()) {
            MemberRoutes.editRow(request, guest.session(), guest.view(), Integer.parseInt(row.group(1)), "/guest/view", responses);
        } else {
            forbidden(request, "This link does not allow editing.");
        }
        return true;
    }

    /** {@code POST /guest/session} with the link's secret: redeem it and open a guest session. */
    private void startSession(Request request) throws IOException {
        // Only our own landing page posts here.
        if (!MemberRoutes.sameOrigin(request, config)) {
            forbidden(request, "Open the link in a browser.");
            return;
        }
        String secret = Optional.ofNullable(request.form("secret")).map(String::strip).orElse("");
        if (secret.isEmpty() || secret.length() > MAX_SECRET) {
            responses.html(request.exchange(), 403, Pages.linkEnded(SharedLink.Ending.UNKNOWN, null, null));
            return;
        }
        Session old = sessions.find(request.cookie(COOKIE)).orElse(null);
        if (old != null) {
            sessions.remove(old);
        }
        Redeemed redeemed;
        try {
            redeemed = redeem(secret);
        } catch (Refused refused) {
            if (refused.secretRefused()) {
                // Keycloak says only "invalid_grant"; the app knows the grant of a link it made and asks about it.
                Optional<LinkBook.Entry> entry = links.find(secret);
                responses.html(request.exchange(), 403, entry.map(e -> ended(e.grantId(), e.viewKey()))
                        .orElseGet(() -> Pages.linkEnded(SharedLink.Ending.UNKNOWN, null, null)));
            } else {
                responses.html(request.exchange(), refused.status, refused.page);
            }
            return;
        }
        Session session = sessions.create();
        session.guest(new GuestPass(secret, redeemed.token(), redeemed.viewKey(), redeemed.grantId(),
                describe(redeemed.viewKey(), redeemed.grantId())));
        responses.setCookie(request.exchange(), COOKIE, session.id());
        responses.redirect(request.exchange(), "/guest/view");
    }

    /** Exchanges the secret for a guest token and checks the token names one of our shareable views. */
    private Redeemed redeem(String secret) throws Refused {
        try {
            String token = keycloak.guestToken(secret).path("access_token").asText();
            JWTClaimsSet claims = verifier.accessToken(token);
            if (!Boolean.TRUE.equals(claims.getClaim("guest"))) {
                throw new TokenVerifier.InvalidTokenException("Not a guest token", null);
            }
            Map<String, Object> view = claims.getJSONObjectClaim("view");
            String viewKey = view == null ? null : String.valueOf(view.get("key"));
            if (view == null || !config.clientId().equals(view.get("client"))) {
                throw new TokenVerifier.InvalidTokenException("The guest token names no view of this app", null);
            }
            if (workspace.view(viewKey).filter(DataView::shareable).isEmpty()) {
                LOG.warning("A guest token names view " + viewKey + ", which is not shareable here; refused");
                throw new Refused(403, Pages.linkEnded(SharedLink.Ending.UNKNOWN, null, null));
            }
            Object grant = claims.getClaim("viewgate_grant");
            return new Redeemed(token, viewKey, grant == null ? null : String.valueOf(grant));
        } catch (KeycloakClient.KeycloakException e) {
            if (e.answer() != null && e.answer().status() < 500) {
                LOG.info("Guest link refused: " + e.getMessage());
                throw new Refused(403, null);
            }
            LOG.warning("Guest exchange failed: " + e.getMessage());
            throw unavailable(false);
        } catch (TokenVerifier.InvalidTokenException | java.text.ParseException e) {
            LOG.warning("Guest token rejected: " + e.getMessage());
            throw new Refused(403, Pages.linkEnded(SharedLink.Ending.UNKNOWN, null, null));
        }
    }

    /** What Viewgate tells the app (its service account) about a grant of one of its views; null when unknown. */
    private SharedLink describe(String viewKey, String grantId) {
        if (viewKey == null || grantId == null) {
            return null;
        }
        try {
            return lookUp(viewKey, grantId).orElse(null);
        } catch (KeycloakClient.KeycloakException e) {
            LOG.warning("Could not ask Viewgate about a guest grant: " + e.getMessage());
            return null;
        }
    }

    private Optional<SharedLink> lookUp(String viewKey, String grantId) throws KeycloakClient.KeycloakException {
        KeycloakClient.Answer answer = keycloak.guestsAsApp(viewKey);
        if (!answer.ok()) {
            throw new KeycloakClient.KeycloakException("Listing the grants of " + viewKey + ": " + answer.error(), answer, null);
        }
        for (JsonNode grant : answer.body()) {
            if (grantId.equals(grant.path("id").asText())) {
                return Optional.of(SharedLink.of(grant, viewKey));
            }
        }
        return Optional.empty();
    }

    /** The page for a link that stopped working, with the true reason as far as Viewgate tells the app. */
    private String ended(String grantId, String viewKey) {
        DataView view = viewKey == null ? null : workspace.view(viewKey).orElse(null);
        if (grantId == null || view == null) {
            return Pages.linkEnded(SharedLink.Ending.UNKNOWN, null, null);
        }
        try {
            Optional<SharedLink> link = lookUp(viewKey, grantId);
            return link.map(l -> Pages.linkEnded(l.ending(Instant.now()), l, view))
                    .orElseGet(() -> Pages.linkEnded(SharedLink.Ending.UNKNOWN, null, view));
        } catch (KeycloakClient.KeycloakException e) {
            LOG.warning("Could not ask Viewgate why a guest link ended: " + e.getMessage());
            return Pages.linkEnded(SharedLink.Ending.ENDED, null, view);
        }
    }

    /** The guest of this request, with permissions from a fresh introspection of their token. */
    private Guest guest(Request request) throws Refused {
        Session session = sessions.find(request.cookie(COOKIE)).orElse(null);
        GuestPass pass = session == null ? null : session.guest();
        if (pass == null) {
            throw new Refused(403, Pages.guestMessage("Link not opened", "Open the link you were given again: this "
                    + "browser has no shared view open (or it was closed after a while without use).", "link-invalid", null));
        }
        try {
            JsonNode info = keycloak.introspect(pass.accessToken());
            if (!info.path("active").asBoolean(false)) {
                // Expired (re-exchange the stored secret) or revoked (the exchange fails too).
                Redeemed renewed;
                try {
                    renewed = redeem(pass.secret());
                } catch (Refused refused) {
                    if (refused.status == 403) {
                        sessions.remove(session);
                        throw new Refused(403, ended(pass.grantId(), pass.viewKey()));
                    }
                    throw refused;
                }
                if (!renewed.viewKey().equals(pass.viewKey())) {
                    sessions.remove(session);
                    throw new Refused(403, Pages.linkEnded(SharedLink.Ending.UNKNOWN, null, null));
                }
                pass = pass.withToken(renewed.token());
                session.guest(pass);
                info = keycloak.introspect(pass.accessToken());
                if (!info.path("active").asBoolean(false)) {
                    sessions.remove(session);
                    throw new Refused(403, ended(pass.grantId(), pass.viewKey()));
                }
            }
            JsonNode view = info.path("view");
            if (!view.isObject()) {
                view = json.readTree(json.writeValueAsString(verifier.accessToken(pass.accessToken()).getJSONObjectClaim("view")));
                LOG.warning("The introspection answer carries no view claim; using the token's");
            }
            if (!config.clientId().equals(view.path("client").asText()) || !pass.viewKey().equals(view.path("key").asText())) {
                sessions.remove(session);
                throw new Refused(403, Pages.linkEnded(SharedLink.Ending.UNKNOWN, null, null));
            }
            List<String> permissions = new ArrayList<>();
            view.path("permissions").forEach(p -> permissions.add(p.asText()));
            GuestPass current = pass;
            DataView dataView = workspace.view(pass.viewKey())
                    .orElseThrow(() -> new Refused(403, ended(current.grantId(), current.viewKey())));
            GuestAccess access = GuestAccess.of(permissions, dataView.settings());
            if (!access.read()) {
                // Viewgate reports a grant revoked a moment ago (its session not yet gone) with no permissions.
                sessions.remove(session);
                throw new Refused(403, ended(pass.grantId(), pass.viewKey()));
            }
            if (pass.link() == null) {
                // Viewgate could not be asked when the link was opened: try again, the page then says more.
                SharedLink link = describe(pass.viewKey(), pass.grantId());
                if (link != null) {
                    pass = new GuestPass(pass.secret(), pass.accessToken(), pass.viewKey(), pass.grantId(), link);
                    session.guest(pass);
                }
            }
            return new Guest(session, dataView, access, pass.link());
        } catch (KeycloakClient.KeycloakException e) {
            LOG.warning("Guest introspection failed: " + e.getMessage());
            throw unavailable(true);
        } catch (IOException | java.text.ParseException | TokenVerifier.InvalidTokenException e) {
            LOG.warning("Guest token unusable: " + e.getMessage());
            sessions.remove(session);
            throw new Refused(403, ended(pass.grantId(), pass.viewKey()));
        }
    }

    /** The shared view cannot be reached now: a guest with an open view may retry it; a new link is opened again. */
    private static Refused unavailable(boolean viewOpen) {
        return new Refused(503, Pages.guestMessage("Try again later", "The shared view cannot be opened right now. "
                + (viewOpen ? "Please try again in a moment." : "Please open your link again in a moment."),
                "guest-unavailable", viewOpen ? Pages.back("/guest/view", "Try again") : null));
    }

    private void forbidden(Request request, String message) throws IOException {
        responses.html(request.exchange(), 403, Pages.guestForbidden(message));
    }
}
