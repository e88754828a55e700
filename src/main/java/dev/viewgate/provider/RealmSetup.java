package dev.viewgate.provider;

import dev.viewgate.adapter.Pages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.ModelToRepresentation;
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
    /** Keycloak's own consoles and tools: their tokens are not an app's, so setup leaves their scopes alone. */
    private static final java.util.Set<String> KEYCLOAK_CLIENTS = java.util.Set.of(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID,
            Constants.ACCOUNT_CONSOLE_CLIENT_ID, Constants.ADMIN_CLI_CLIENT_ID, Constants.ADMIN_CONSOLE_CLIENT_ID,
            Constants.BROKER_SERVICE_CLIENT_ID, Constants.REALM_MANAGEMENT_CLIENT_ID);
    /** The public client the Viewgate console signs in through; its tokens are admin tokens, not an app's. */
    public static final String CONSOLE_CLIENT_ID = "viewgate-console";
    /** The client scope with Viewgate's token mapper. */
    public static final String SCOPE = "viewgate";

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
        ClientScopeModel scope = realm.getClientScopesStream().filter(s -> SCOPE.equals(s.getName())).findFirst().orElse(null);
        if (scope == null) {
            scope = createScope();
            created.add("client scope " + SCOPE);
        } else {
            present.add("client scope " + SCOPE);
        }
        if (scope.getProtocolMappersStream().noneMatch(m -> GuestViewProtocolMapper.ID.equals(m.getProtocolMapper()))) {
            // a scope made by a Viewgate version without guest access
            scope.addProtocolMapper(GuestViewProtocolMapper.model());
            created.add("guest view mapper on client scope " + SCOPE);
        }
        ClientScopeModel viewgateScope = scope;
        if (realm.getDefaultClientScopesStream(true).noneMatch(s -> s.getId().equals(viewgateScope.getId()))) {
            realm.addDefaultClientScope(scope, true);
            created.add("realm default client scope " + SCOPE);
        } else {
            present.add("realm default client scope " + SCOPE);
        }
        List<String> given = realm.getClientsStream()
                .filter(c -> OIDCLoginProtocol.LOGIN_PROTOCOL.equals(c.getProtocol()) && !c.isBearerOnly())
                .filter(c -> !KEYCLOAK_CLIENTS.contains(c.getClientId()) && !CONSOLE_CLIENT_ID.equals(c.getClientId()))
                .filter(c -> !c.getClientScopes(true).containsKey(SCOPE) && !c.getClientScopes(false).containsKey(SCOPE))
                .map(c -> {
                    c.addClientScope(viewgateScope, true);
                    return c.getClientId();
                })
                .toList();
        if (!given.isEmpty()) {
            created.add("client scope " + SCOPE + " on clients " + given);
        }
        String consoleClient = "client " + CONSOLE_CLIENT_ID;
        if (realm.getClientByClientId(CONSOLE_CLIENT_ID) == null) {
            createConsoleClient(viewgateScope);
            created.add(consoleClient);
        } else {
            present.add(consoleClient);
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

    /**
     * The public client the Viewgate console ({@code /realms/{realm}/viewgate/console/}) signs in through, as
     * Keycloak's {@code security-admin-console}: code + PKCE S256, the exact redirect URI of the console, full scope
     * (the admin roles must reach the token, which Keycloak resolves server-side: lightweight access tokens). Its
     * base URL is the Home URL the admin console's Clients list links to.
     */
    public static ClientRepresentation consoleClient(String realmName) {
        String console = "/realms/" + realmName + "/viewgate/console/";
        ClientRepresentation rep = new ClientRepresentation();
        rep.setClientId(CONSOLE_CLIENT_ID);
        rep.setName("Viewgate console");
        rep.setDescription("The Viewgate console (access requests, audit log) signs in through this client.");
        rep.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        rep.setPublicClient(true);
        rep.setStandardFlowEnabled(true);
        rep.setImplicitFlowEnabled(false);
        rep.setDirectAccessGrantsEnabled(false);
        rep.setServiceAccountsEnabled(false);
        rep.setConsentRequired(false);
        rep.setFullScopeAllowed(true);
        rep.setRootUrl("${authBaseUrl}");
        rep.setBaseUrl(console);
        rep.setRedirectUris(List.of(console));
        rep.setWebOrigins(List.of("+"));
        rep.setAttributes(Map.of(
                "post.logout.redirect.uris", "+",
                "pkce.code.challenge.method", OIDCLoginProtocol.PKCE_METHOD_S256,
                Constants.USE_LIGHTWEIGHT_ACCESS_TOKEN_ENABLED, "true"));
        return rep;
    }

    /** The client scope that carries Viewgate's token mapper (tier, view as) to every client of the realm. */
    private ClientScopeModel createScope() {
        ClientScopeModel scope = realm.addClientScope(SCOPE);
        scope.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        scope.setDescription("Viewgate: the member's tier and, while 'view as' is active, the simulated access; in guest tokens, the view");
        scope.setIncludeInTokenScope(false);
        scope.setDisplayOnConsentScreen(false);
        scope.addProtocolMapper(ViewAsProtocolMapper.model());
        scope.addProtocolMapper(GuestViewProtocolMapper.model());
        adminEvent.operation(OperationType.CREATE)
                .resource(ResourceType.CLIENT_SCOPE)
                .resourcePath("client-scopes", scope.getId())
                .representation(ModelToRepresentation.toRepresentation(scope))
                .success();
        return scope;
    }

    private void createConsoleClient(ClientScopeModel viewgateScope) {
        ClientRepresentation rep = consoleClient(realm.getName());
        ClientModel client = ClientManager.createClient(session, realm, rep);
        // A new client gets the realm's default scopes; the console's tokens are admin tokens, not an app's.
        if (client.getClientScopes(true).containsKey(SCOPE) || client.getClientScopes(false).containsKey(SCOPE)) {
            client.removeClientScope(viewgateScope);
        }
        rep.setId(client.getId());
        adminEvent.operation(OperationType.CREATE)
                .resource(ResourceType.CLIENT)
                .resourcePath("clients", client.getId())
                .representation(rep)
                .success();
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
