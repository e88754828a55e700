package dev.viewgate.viewas;

import dev.viewgate.adapter.Pages;
import dev.viewgate.adapter.WayBack;
import dev.viewgate.base.Caller;
import dev.viewgate.base.ViewgateException;
import dev.viewgate.tier.ThemedPages;
import dev.viewgate.tier.TierLabels;
import dev.viewgate.tier.TierResource;
import dev.viewgate.tier.TierService;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;

/**
 * The chooser {@code view-as/select?client_id=..&redirect_uri=..} and the banner's exit. An app sends its member here
 * and gets them back at {@code redirect_uri}, which must be a registered redirect URI of {@code client_id}; without
 * both, the member returns to "My access". Anything else is refused and never redirected to.
 */
public final class ViewAsPages {

    private static final int SEARCH_RESULTS = 20;

    private final KeycloakSession session;

    public ViewAsPages(KeycloakSession session) {
        this.session = session;
    }

    public Response chooser() {
        return Pages.forSignedIn(session, caller -> {
            MultivaluedMap<String, String> query = session.getContext().getUri().getQueryParameters();
            Optional<URI> back = returnTo(query.getFirst("client_id"), query.getFirst("redirect_uri"));
            if (back.isEmpty()) {
                return ThemedPages.message(session, caller, Response.Status.BAD_REQUEST, "viewgateViewAsTitle", "viewgateBadRedirect");
            }
            return render(caller, Response.Status.OK, null, query.getFirst("q"));
        });
    }

    public Response choose() {
        return Pages.forSignedIn(session, this::chooseFor);
    }

    private Response chooseFor(Caller caller) {
        MultivaluedMap<String, String> form = Pages.formPost(session, caller);
        Optional<URI> back = returnTo(form.getFirst("client_id"), form.getFirst("redirect_uri"));
        if (back.isEmpty()) {
            return ThemedPages.message(session, caller, Response.Status.BAD_REQUEST, "viewgateViewAsTitle", "viewgateBadRedirect");
        }
        ViewAsService viewAs = new ViewAsService(session, caller.realm());
        try {
            if (form.getFirst("user") != null) {
                viewAs.startUser(caller, form.getFirst("user"));
            } else {
                viewAs.startTier(caller, parseTier(form.getFirst("tier")));
            }
        } catch (ViewgateException refused) {
            return render(caller, Response.Status.fromStatusCode(refused.getResponse().getStatus()),
                    "viewgateError_" + refused.getMessage(), null);
        }
        return Response.seeOther(back.get()).build();
    }

    /**
     * Ends view as. An app's exit names its return ({@code client_id}, {@code redirect_uri} in the form); the banner
     * of a Viewgate page names none and comes back to "My access", keeping the way back its address carries.
     */
    public Response exit() {
        return Pages.forSignedIn(session, caller -> {
            MultivaluedMap<String, String> form = Pages.formPost(session, caller);
            boolean fromApp = !isBlank(form.getFirst(WayBack.CLIENT_ID)) || !isBlank(form.getFirst(WayBack.REDIRECT_URI));
            Optional<URI> back = fromApp ? returnTo(form.getFirst(WayBack.CLIENT_ID), form.getFirst(WayBack.REDIRECT_URI))
                    : Optional.empty();
            new ViewAsService(session, caller.realm()).exit(caller);
            return Response.seeOther(back.orElse(Pages.link(session, ""))).build();
        });
    }

    private Response render(Caller caller, Response.Status status, String errorKey, String search) {
        ViewAsService viewAs = new ViewAsService(session, caller.realm());
        MultivaluedMap<String, String> query = session.getContext().getUri().getQueryParameters();
        MultivaluedMap<String, String> form = status == Response.Status.OK ? query
                : session.getContext().getHttpRequest().getDecodedFormParameters();
        TierLabels labels = ThemedPages.labels(session, caller);
        TierService tiers = new TierService(session, caller.realm());
        Map<String, Object> model = new HashMap<>();
        model.put("tiers", viewAs.tierOptions(caller.user()).stream()
                .map(t -> Map.of("level", t.level(), "label", labels.withLevel(t))).toList());
        boolean users = viewAs.userOption(caller.user());
        model.put("userOption", users);
        model.put("search", search == null ? "" : search);
        model.put("members", users && search != null && !search.isBlank()
                ? viewAs.eligibleMembers(caller.user(), search, SEARCH_RESULTS).stream().map(u -> Map.of(
                        "id", u.getId(), "username", u.getUsername(),
                        "name", Optional.ofNullable(TierResource.displayName(u)).orElse(u.getUsername()),
                        "tier", labels.withLevel(tiers.tierOf(u)))).toList()
                : java.util.List.of());
        model.put("active", tiers.accessOf(caller).viewAs().isPresent());
        model.put("clientId", Optional.ofNullable(form.getFirst("client_id")).orElse(""));
        model.put("redirectUri", Optional.ofNullable(form.getFirst("redirect_uri")).orElse(""));
        model.put("selectUrl", Pages.uri(session, "view-as/select").toString());
        if (errorKey != null) {
            model.put("errorKey", errorKey);
        }
        return ThemedPages.render(session, caller, status, "viewgate-view-as.ftl", model);
    }

    /** Where to go afterwards: the app's verified redirect URI, or "My access" when the app named none. */
    private Optional<URI> returnTo(String clientId, String redirectUri) {
        if (isBlank(clientId) && isBlank(redirectUri)) {
            return Optional.of(Pages.uri(session, ""));
        }
        return Pages.verifiedRedirect(session, clientId, redirectUri);
    }

    private static int parseTier(String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw ViewgateException.badRequest("invalid_tier", "tier must be a number");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
