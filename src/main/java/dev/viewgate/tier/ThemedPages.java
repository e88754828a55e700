package dev.viewgate.tier;

import dev.viewgate.adapter.PageLocale;
import dev.viewgate.adapter.Pages;
import dev.viewgate.adapter.ThemeMessages;
import dev.viewgate.adapter.WayBack;
import dev.viewgate.base.Caller;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;

/**
 * Renders Viewgate's themed pages for a signed-in caller with what every page has: the way back to the app the person
 * came from ({@link WayBack}, else Keycloak's account page), the language switch, the deciders' link to the queue with
 * the pending count, and the view-as banner, which shows while the caller's access, recomputed now, is a simulation:
 * what is simulated, and the exit control.
 */
public final class ThemedPages {

    private ThemedPages() {
    }

    public static Response render(KeycloakSession session, Caller caller, Response.Status status, String template,
                                  Map<String, Object> attributes) {
        Map<String, Object> model = new HashMap<>(attributes);
        TierService tiers = new TierService(session, caller.realm());
        TierService.MemberAccess access = tiers.accessOf(caller);
        TierLabels labels = labels(session, caller);
        viewAsBanner(session, tiers, labels, access).ifPresent(banner -> model.put("viewAsBanner", banner));
        Optional<WayBack> back = WayBack.ofRequest(session);
        model.put("back", Map.of("url", back.map(b -> b.target().toString()).orElse(WayBack.accountPage(session).toString()),
                "app", back.map(WayBack::appName).orElse("")));
        model.put("homeUrl", Pages.link(session, "").toString());
        PendingCounter counter = session.getAttribute(PendingCounter.ATTRIBUTE, PendingCounter.class);
        if (access.can().decideRequests() && counter != null) {
            model.put("queueNav", Map.of("url", Pages.link(session, "access-requests/queue").toString(),
                    "count", counter.pending(caller.realm())));
        }
        model.put("languages", PageLocale.choices(session, session.getContext().resolveLocale(caller.user())));
        return Pages.render(session, caller, status, template, model);
    }

    /** Tier names in the language this page renders in. */
    public static TierLabels labels(KeycloakSession session, Caller caller) {
        return TierLabels.of(ThemeMessages.forPage(session, caller.user()));
    }

    /**
     * How many access requests wait, for the deciders' badge on every page. The access-request capability sits above
     * this package, so the providers that wire a request put one in the session under {@link #ATTRIBUTE}.
     */
    @FunctionalInterface
    public interface PendingCounter {
        String ATTRIBUTE = "viewgate.pages.pendingCounter";

        long pending(org.keycloak.models.RealmModel realm);
    }

    /** A page that only says something, e.g. why access is refused. */
    public static Response message(KeycloakSession session, Caller caller, Response.Status status, String titleKey,
                                   String messageKey) {
        return render(session, caller, status, "viewgate-message.ftl", Map.of("titleKey", titleKey, "messageKey", messageKey));
    }

    private static Optional<Map<String, Object>> viewAsBanner(KeycloakSession session, TierService tiers, TierLabels labels,
                                                              TierService.MemberAccess access) {
        return access.viewAs().map(state -> {
            String subject = state.isUserMode() ? state.username()
                    : tiers.ladder().byLevel(state.tier()).map(labels::withLevel).orElse("T" + state.tier());
            return Map.of("subject", subject, "exitUrl", Pages.link(session, "view-as/exit").toString());
        });
    }
}
