package dev.viewgate.adapter;

import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.RealmsResource;
import org.keycloak.services.util.ResolveRelative;

/**
 * The way back from a Viewgate page to the app the person came from: {@code client_id} names the app, and
 * {@code redirect_uri}, when given, must be one of its registered redirect URIs, matched as Keycloak's authorization
 * endpoint matches it; without one, the app's registered base URL. Anything else (an unknown or disabled client, a
 * foreign address) is never linked to: the way back is then Keycloak's account page. Every page carries the two
 * parameters on, so the way back survives moving between pages and form posts.
 */
public record WayBack(String clientId, String redirectUri, URI target, String appName) {

    public static final String CLIENT_ID = "client_id";
    public static final String REDIRECT_URI = "redirect_uri";

    /** The app's way back named by {@code clientId} and {@code redirectUri}; empty unless it verifies. */
    public static Optional<WayBack> of(KeycloakSession session, String clientId, String redirectUri) {
        if (isBlank(clientId) || clientId.length() > 255) {
            return Optional.empty();
        }
        ClientModel client = session.getContext().getRealm().getClientByClientId(clientId);
        if (client == null || !client.isEnabled()) {
            return Optional.empty();
        }
        Optional<URI> target = isBlank(redirectUri) ? baseUrl(session, client)
                : Pages.verifiedRedirect(session, clientId, redirectUri);
        String name = isBlank(client.getName()) ? client.getClientId() : client.getName();
        return target.map(uri -> new WayBack(client.getClientId(), isBlank(redirectUri) ? null : redirectUri, uri, name));
    }

    /** The way back this request names in its query (every page) or, on a form post, in its form. */
    public static Optional<WayBack> ofRequest(KeycloakSession session) {
        MultivaluedMap<String, String> query = session.getContext().getUri().getQueryParameters();
        if (query.containsKey(CLIENT_ID) || query.containsKey(REDIRECT_URI)) {
            return of(session, query.getFirst(CLIENT_ID), query.getFirst(REDIRECT_URI));
        }
        if ("POST".equals(session.getContext().getHttpRequest().getHttpMethod())) {
            MultivaluedMap<String, String> form = session.getContext().getHttpRequest().getDecodedFormParameters();
            return of(session, form.getFirst(CLIENT_ID), form.getFirst(REDIRECT_URI));
        }
        return Optional.empty();
    }

    /** Keycloak's account page of the realm: the way back when no app is known. */
    public static URI accountPage(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        return session.getContext().getUri().getBaseUriBuilder().path(RealmsResource.class).path(realm.getName())
                .path("account").path("/").build();
    }

    /** The query parameters that carry this way back on to the next page. */
    public Map<String, String> query() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put(CLIENT_ID, clientId);
        if (redirectUri != null) {
            query.put(REDIRECT_URI, redirectUri);
        }
        return query;
    }

    /** {@code uri} (with no query of its own) with this way back's parameters added. */
    public URI carriedOn(URI uri) {
        return Pages.withQuery(uri, query());
    }

    /** The app's base URL as its settings give it (root URL applied), if it is an absolute http(s) address. */
    private static Optional<URI> baseUrl(KeycloakSession session, ClientModel client) {
        if (isBlank(client.getBaseUrl())) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(ResolveRelative.resolveRelativeUri(session, client.getRootUrl(), client.getBaseUrl()));
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            return web && uri.getRawAuthority() != null ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
