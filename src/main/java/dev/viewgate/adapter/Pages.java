package dev.viewgate.adapter;

import dev.viewgate.base.Caller;
import dev.viewgate.base.InputText;
import dev.viewgate.base.ViewgateException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.utils.PkceUtils;
import org.keycloak.protocol.oidc.utils.RedirectUtils;
import org.keycloak.services.resources.RealmsResource;

/**
 * Viewgate's themed pages: rendered with the realm's login theme (templates ship as theme-resources), signed in
 * through the public client {@value #PAGES_CLIENT_ID}.
 */
public final class Pages {

    public static final String PAGES_CLIENT_ID = "viewgate-pages";

    /** Parameters the authorization endpoint appends when it sends the browser back. */
    private static final Set<String> CALLBACK_PARAMS = Set.of("code", "state", "session_state", "iss", "error",
            "error_description", "error_uri");

    private Pages() {
    }

    /** {@code /realms/{realm}/viewgate/<path>} as an absolute URI of this request's host. */
    public static URI uri(KeycloakSession session, String path) {
        RealmModel realm = session.getContext().getRealm();
        UriBuilder builder = session.getContext().getUri().getBaseUriBuilder()
                .path(RealmsResource.class).path(realm.getName()).path("viewgate");
        return (path.isEmpty() ? builder.path("/") : builder.path(path)).build();
    }

    /**
     * What a page answers when there is no browser session: a redirect to the realm's login that comes back to
     * this page (with its query). A callback that arrives without a session (the login failed or cookies are
     * blocked) gets an error page instead of another redirect, so a browser never loops.
     */
    public static Response signIn(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        ClientModel client = realm.getClientByClientId(PAGES_CLIENT_ID);
        if (client == null || !client.isEnabled()) {
            return error(session, Response.Status.SERVICE_UNAVAILABLE, "viewgateNotSetUp");
        }
        MultivaluedMap<String, String> query = session.getContext().getUri().getQueryParameters();
        if (query.containsKey("code") || query.containsKey("error")) {
            return error(session, Response.Status.UNAUTHORIZED, "viewgateSignInFailed");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put(OIDCLoginProtocol.CLIENT_ID_PARAM, PAGES_CLIENT_ID);
        params.put(OIDCLoginProtocol.REDIRECT_URI_PARAM, session.getContext().getUri().getRequestUri().toString());
        params.put(OIDCLoginProtocol.RESPONSE_TYPE_PARAM, OIDCLoginProtocol.CODE_PARAM);
        params.put(OIDCLoginProtocol.SCOPE_PARAM, "openid");
        params.put(OIDCLoginProtocol.STATE_PARAM, PkceUtils.generateCodeVerifier());
        // The page signs in through the SSO cookie and never redeems the code; the challenge only satisfies
        // realms whose client policies demand PKCE.
        params.put(OIDCLoginProtocol.CODE_CHALLENGE_PARAM, PkceUtils.generateS256CodeChallenge(PkceUtils.generateCodeVerifier()));
        params.put(OIDCLoginProtocol.CODE_CHALLENGE_METHOD_PARAM, OIDCLoginProtocol.PKCE_METHOD_S256);
        // A page opened with ?kc_locale=de shows Keycloak's login in German too.
        PageLocale.requested(session).ifPresent(tag -> params.put(OIDCLoginProtocol.UI_LOCALES_PARAM, tag));
        URI login = withQuery(session.getContext().getUri().getBaseUriBuilder()
                .path(RealmsResource.class).path(realm.getName()).path("protocol").path(OIDCLoginProtocol.LOGIN_PROTOCOL)
                .path("auth").build(), params);
        return Response.seeOther(login).build();
    }

    /**
     * Runs {@code page} for the signed-in caller of a page. Without a browser session it answers with the sign-in
     * redirect; right after a sign-in, with one redirect to the page's clean address.
     */
    public static Response forSignedIn(KeycloakSession session, java.util.function.Function<Caller, Response> page) {
        Optional<Caller> caller = RequestAuth.browser(session);
        if (caller.isEmpty()) {
            return signIn(session);
        }
        Response clean = dropCallbackParams(session);
        if (clean != null) {
            return clean;
        }
        PageLocale.apply(session, caller.get().user());
        return page.apply(caller.get());
    }

    /**
     * After a sign-in the browser comes back with the authorization response in the query; a signed-in page
     * redirects once to its clean address so the code never sits in the history. Null when there is nothing to clean.
     */
    public static Response dropCallbackParams(KeycloakSession session) {
        MultivaluedMap<String, String> query = session.getContext().getUri().getQueryParameters();
        if (query.keySet().stream().noneMatch(CALLBACK_PARAMS::contains)) {
            return null;
        }
        return Response.seeOther(requestUriWithout(session, CALLBACK_PARAMS)).build();
    }

    /**
     * This request's address with its query, less the parameters {@code dropped}; rebuilt by encoding each name and
     * value, never through a URI template, so no value a visitor typed is read as one.
     */
    public static URI requestUriWithout(KeycloakSession session, Set<String> dropped) {
        URI path = session.getContext().getUri().getRequestUriBuilder().replaceQuery(null).fragment(null).build();
        List<Map.Entry<String, String>> kept = new java.util.ArrayList<>();
        session.getContext().getUri().getQueryParameters().forEach((name, values) -> {
            if (!dropped.contains(name)) {
                values.forEach(value -> kept.add(Map.entry(name, value)));
            }
        });
        return withQuery(path, kept);
    }

    /** {@code uri} with the given parameters added to its query, each name and value encoded. */
    public static URI withQuery(URI uri, Map<String, String> params) {
        return withQuery(uri, List.copyOf(params.entrySet()));
    }

    private static URI withQuery(URI uri, List<Map.Entry<String, String>> params) {
        if (params.isEmpty()) {
            return uri;
        }
        return URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + params.stream()
                .map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
                .collect(Collectors.joining("&")));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Renders a page template for a signed-in caller; {@code csrf} and {@code viewgate} URLs are always available.
     * Capabilities render through {@code tier.ThemedPages}, which adds the view-as banner from the caller's access.
     */
    public static Response render(KeycloakSession session, Caller caller, Response.Status status, String template,
                                  Map<String, Object> attributes) {
        LoginFormsProvider forms = session.getProvider(LoginFormsProvider.class)
                .setStatus(status)
                .setUser(caller.user())
                .setActionUri(uri(session, ""))
                .setAttribute("csrf", RequestAuth.csrfToken(caller))
                .setAttribute("viewgateUrl", uri(session, "").toString())
                .setAttribute("signOutUrl", signOutUri(session).toString())
                .setAttribute("accountUrl", WayBack.accountPage(session).toString())
                .setResponseHeader("Cache-Control", "no-store");
        attributes.forEach(forms::setAttribute);
        return forms.createForm(template);
    }

    /**
     * {@code redirectUri} if it is a registered redirect URI of {@code clientId}, matched exactly as Keycloak's
     * authorization endpoint matches it; empty for anything else, which is then never redirected to.
     */
    public static Optional<URI> verifiedRedirect(KeycloakSession session, String clientId, String redirectUri) {
        if (clientId == null || redirectUri == null || clientId.length() > 255 || redirectUri.length() > 2048) {
            return Optional.empty();
        }
        ClientModel client = session.getContext().getRealm().getClientByClientId(clientId);
        if (client == null || !client.isEnabled()) {
            return Optional.empty();
        }
        String verified = RedirectUtils.verifyRedirectUri(session, redirectUri, client);
        try {
            return Optional.ofNullable(verified).map(URI::create);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /**
     * The caller's form post, after its CSRF token has been checked, and, as defence in depth, what the browser says
     * of the post's origin: {@code Sec-Fetch-Site} and {@code Origin}. Keycloak's {@code Referrer-Policy: no-referrer}
     * makes browsers send {@code Origin: null} even for our own pages, so that value proves nothing either way.
     */
    public static MultivaluedMap<String, String> formPost(KeycloakSession session, Caller caller) {
        String fetchSite = session.getContext().getRequestHeaders().getHeaderString("Sec-Fetch-Site");
        String origin = session.getContext().getRequestHeaders().getHeaderString("Origin");
        URI self = session.getContext().getUri().getBaseUri();
        String selfOrigin = self.getScheme() + "://" + self.getRawAuthority();
        if ((fetchSite != null && !fetchSite.equals("same-origin"))
                || (origin != null && !origin.equals("null") && !origin.equals(selfOrigin))) {
            throw ViewgateException.forbidden("csrf", "Cross-site form posts are refused");
        }
        MultivaluedMap<String, String> form = session.getContext().getHttpRequest().getDecodedFormParameters();
        RequestAuth.requireCsrf(caller, form.getFirst("csrf"));
        form.forEach((name, values) -> values.forEach(value -> InputText.requireText(name, value)));
        return form;
    }

    /**
     * Post/redirect/get: after a form post the browser loads {@code path} again, with a notice to show, what it is
     * about ({@code params}) and the way back the page carried.
     */
    public static Response redirectAfterPost(KeycloakSession session, String path, String notice, Map<String, String> params) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("done", notice);
        query.putAll(params);
        WayBack.ofRequest(session).ifPresent(back -> query.putAll(back.query()));
        return Response.seeOther(withQuery(uri(session, path), query)).build();
    }

    /** {@code /realms/{realm}/viewgate/<path>} carrying on the way back this request names, if it verifies. */
    public static URI link(KeycloakSession session, String path) {
        URI uri = uri(session, path);
        return WayBack.ofRequest(session).map(back -> back.carriedOn(uri)).orElse(uri);
    }

    private static URI signOutUri(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        return session.getContext().getUri().getBaseUriBuilder()
                .path(RealmsResource.class).path(realm.getName()).path("protocol").path(OIDCLoginProtocol.LOGIN_PROTOCOL)
                .path("logout")
                .queryParam(OIDCLoginProtocol.CLIENT_ID_PARAM, PAGES_CLIENT_ID)
                .queryParam(OIDCLoginProtocol.POST_LOGOUT_REDIRECT_URI_PARAM, uri(session, ""))
                .build();
    }

    private static Response error(KeycloakSession session, Response.Status status, String messageKey) {
        return session.getProvider(LoginFormsProvider.class)
                .setError(messageKey)
                .setResponseHeader("Cache-Control", "no-store")
                .createErrorPage(status);
    }
}
