package dev.viewgate.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.managers.ClientManager;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Creates, in an existing realm, what Viewgate needs there and is missing. What already exists is left as the
 * admin configured it, so running setup again changes nothing.
 */
public final class RealmSetup {

    private static final Logger LOG = Logger.getLogger(RealmSetup.class);

    /** What one run of setup did: the items it created and the items that were already there. */
    public record SetupReport(List<String> created, List<String> present) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminEventBuilder adminEvent;

    RealmSetup(KeycloakSession session, RealmModel realm, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.adminEvent = adminEvent;
    }

    SetupReport apply() {
        List<String> created = new ArrayList<>();
        List<String> present = new ArrayList<>();
        String pagesClient = "client " + Pages.PAGES_CLIENT_ID;
        if (realm.getClientByClientId(Pages.PAGES_CLIENT_ID) == null) {
            createPagesClient();
            created.add(pagesClient);
        } else {
            present.add(pagesClient);
        }
        LOG.debugf("Viewgate setup of realm '%s': created %s, present %s", realm.getName(), created, present);
        return new SetupReport(created, present);
    }

    /** The public client Viewgate's pages sign in through, limited to redirects back to those pages. */
    public static ClientRepresentation pagesClient(String realmName) {
        String pages = "/realms/" + realmName + "/viewgate";
        ClientRepresentation rep = new ClientRepresentation();
        rep.setClientId(Pages.PAGES_CLIENT_ID);
        rep.setName("Viewgate pages");
        rep.setDescription("Viewgate's themed pages (my access, access requests, view as) sign in through this client.");
        rep.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        rep.setPublicClient(true);
        rep.setStandardFlowEnabled(true);
        rep.setImplicitFlowEnabled(false);
        rep.setDirectAccessGrantsEnabled(false);
        rep.setServiceAccountsEnabled(false);
        rep.setConsentRequired(false);
        rep.setFullScopeAllowed(false);
        rep.setRootUrl("${authBaseUrl}");
        rep.setBaseUrl(pages + "/");
        rep.setRedirectUris(List.of(pages, pages + "/*"));
        rep.setWebOrigins(List.of("+"));
        rep.setAttributes(Map.of(
                "post.logout.redirect.uris", "+",
                "pkce.code.challenge.method", OIDCLoginProtocol.PKCE_METHOD_S256));
        return rep;
    }

    private void createPagesClient() {
        ClientRepresentation rep = pagesClient(realm.getName());
        ClientModel client = ClientManager.createClient(session, realm, rep);
        rep.setId(client.getId());
        adminEvent.operation(OperationType.CREATE)
                .resource(ResourceType.CLIENT)
                .resourcePath("clients", client.getId())
                .representation(rep)
                .success();
    }
}
