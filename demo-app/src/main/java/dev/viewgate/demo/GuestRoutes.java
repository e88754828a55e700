package dev.viewgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
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
    private record Guest(Session session, DataView view, GuestAccess access) {
    }

    /** Why a guest request may not go on. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String page;

        Refused(int status, String page) {
            super(null, null, false, false);
            this.status = status;
            this.page = page;
        }
    }

    private final AppConfig config;
    private final KeycloakClient keycloak;
    private final TokenVerifier verifier;
    private final SessionStore sessions;
    private final Workspace workspace;
    private final Responses responses;
    private final ObjectMapper json;

    public GuestRoutes(AppConfig config, KeycloakClient keycloak, TokenVerifier verifier, SessionStore sessions,
                       Workspace workspace, Responses responses, ObjectMapper json) {
        this.config = config;
        this.keycloak = keycloak;
        this.verifier = verifier;
        this.sessions = sessions;
        this.workspace = workspace;
        this.responses = responses;
        this.json = json;
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
            forbidden(request, "The form expired. Please reload the page and try again.");
        } else if ("/guest/view".equals(path)) {
            responses.html(request.exchange(), 200, Pages.guestView(guest.session(), guest.view(), guest.access()));
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
            responses.html(request.exchange(), 403, linkInvalid());
            return;
        }
        Session old = sessions.find(request.cookie(COOKIE)).orElse(null);
        if (old != null) {
            sessions.remove(old);
        }
        GuestPass pass;
        try {
            pass = redeem(secret);
        } catch (Refused refused) {
            responses.html(request.exchange(), refused.status, refused.page);
            return;
        }
        Session session = sessions.create();
        session.guest(pass);
        responses.setCookie(request.exchange(), COOKIE, session.id());
        responses.redirect(request.exchange(), "/guest/view");
    }

    /** Exchanges the secret for a guest token and checks the token names one of our shareable views. */
    private GuestPass redeem(String secret) throws Refused {
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
                throw new Refused(403, linkInvalid());
            }
            Object grant = claims.getClaim("viewgate_grant");
            return new GuestPass(secret, token, viewKey, grant == null ? null : String.valueOf(grant));
        } catch (KeycloakClient.KeycloakException e) {
            if (e.answer() != null && e.answer().status() < 500) {
                LOG.info("Guest link refused: " + e.getMessage());
                throw new Refused(403, linkInvalid());
            }
            LOG.warning("Guest exchange failed: " + e.getMessage());
            throw new Refused(503, Pages.guestMessage("Try again later",
                    "The shared view cannot be opened right now. Please try again in a moment.", "guest-unavailable"));
        } catch (TokenVerifier.InvalidTokenException | java.text.ParseException e) {
            LOG.warning("Guest token rejected: " + e.getMessage());
            throw new Refused(403, linkInvalid());
        }
    }

    /** The guest of this request, with permissions from a fresh introspection of their token. */
    private Guest guest(Request request) throws Refused {
        Session session = sessions.find(request.cookie(COOKIE)).orElse(null);
        GuestPass pass = session == null ? null : session.guest();
        if (pass == null) {
            throw new Refused(403, linkInvalid());
        }
        try {
            JsonNode info = keycloak.introspect(pass.accessToken());
            if (!info.path("active").asBoolean(false)) {
                // Expired (re-exchange the stored secret) or revoked (the exchange fails too).
                GuestPass renewed;
                try {
                    renewed = redeem(pass.secret());
                } catch (Refused refused) {
                    if (refused.status == 403) {
                        sessions.remove(session);
                        throw new Refused(403, revoked());
                    }
                    throw refused;
                }
                if (!renewed.viewKey().equals(pass.viewKey())) {
                    sessions.remove(session);
                    throw new Refused(403, revoked());
                }
                session.guest(renewed);
                pass = renewed;
                info = keycloak.introspect(pass.accessToken());
                if (!info.path("active").asBoolean(false)) {
                    sessions.remove(session);
                    throw new Refused(403, revoked());
                }
            }
            JsonNode view = info.path("view");
            if (!view.isObject()) {
                view = json.readTree(json.writeValueAsString(verifier.accessToken(pass.accessToken()).getJSONObjectClaim("view")));
                LOG.warning("The introspection answer carries no view claim; using the token's");
            }
            if (!config.clientId().equals(view.path("client").asText()) || !pass.viewKey().equals(view.path("key").asText())) {
                sessions.remove(session);
                throw new Refused(403, revoked());
            }
            List<String> permissions = new ArrayList<>();
            view.path("permissions").forEach(p -> permissions.add(p.asText()));
            DataView dataView = workspace.view(pass.viewKey()).orElseThrow(() -> new Refused(403, revoked()));
            GuestAccess access = GuestAccess.of(permissions, dataView.settings());
            if (!access.read()) {
                // Viewgate reports a grant revoked a moment ago (its session not yet gone) with no permissions.
                sessions.remove(session);
                throw new Refused(403, revoked());
            }
            return new Guest(session, dataView, access);
        } catch (KeycloakClient.KeycloakException e) {
            LOG.warning("Guest introspection failed: " + e.getMessage());
            throw new Refused(503, Pages.guestMessage("Try again later",
                    "The shared view cannot be opened right now. Please try again in a moment.", "guest-unavailable"));
        } catch (IOException | java.text.ParseException | TokenVerifier.InvalidTokenException e) {
            LOG.warning("Guest token unusable: " + e.getMessage());
            sessions.remove(session);
            throw new Refused(403, revoked());
        }
    }

    private static String linkInvalid() {
        return Pages.guestMessage("Link not valid", "This link is not valid or access was revoked.", "link-invalid");
    }

    private static String revoked() {
        return Pages.guestMessage("Access revoked", "Access revoked: this link is not valid or access was revoked.",
                "access-revoked");
    }

    private void forbidden(Request request, String message) throws IOException {
        responses.html(request.exchange(), 403, Pages.guestMessage("Not allowed", message, "forbidden"));
    }
}
