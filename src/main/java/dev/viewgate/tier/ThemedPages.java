package dev.viewgate.tier;

import dev.viewgate.adapter.Pages;
import dev.viewgate.base.Caller;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;

/**
 * Renders Viewgate's themed pages for a signed-in caller with the view-as banner, which shows while the caller's
 * access, recomputed now, is a simulation: what is simulated, and the exit control.
 */
public final class ThemedPages {

    private ThemedPages() {
    }

    public static Response render(KeycloakSession session, Caller caller, Response.Status status, String template,
                                  Map<String, Object> attributes) {
        Map<String, Object> model = new HashMap<>(attributes);
        viewAsBanner(session, caller).ifPresent(banner -> model.put("viewAsBanner", banner));
        return Pages.render(session, caller, status, template, model);
    }

    /** A page that only says something, e.g. why access is refused. */
    public static Response message(KeycloakSession session, Caller caller, Response.Status status, String titleKey,
                                   String messageKey) {
        return render(session, caller, status, "viewgate-message.ftl", Map.of("titleKey", titleKey, "messageKey", messageKey));
    }

    private static Optional<Map<String, Object>> viewAsBanner(KeycloakSession session, Caller caller) {
        TierService tiers = new TierService(session, caller.realm());
        return tiers.accessOf(caller).viewAs().map(state -> {
            String subject = state.isUserMode() ? state.username()
                    : tiers.ladder().byLevel(state.tier()).map(t -> t.label() + " (T" + t.level() + ")").orElse("T" + state.tier());
            return Map.of("subject", subject, "exitUrl", Pages.uri(session, "view-as/exit").toString());
        });
    }
}
