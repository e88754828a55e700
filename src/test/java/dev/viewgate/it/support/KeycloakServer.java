package dev.viewgate.it.support;

/** A running Keycloak with Viewgate and the demo realm, as the integration tests see it. */
public interface KeycloakServer {

    /** The realm every test uses: the imported demo realm. */
    String REALM = "viewgate-demo";

    /** {@code http://127.0.0.1:<port>}, no trailing slash. */
    String baseUrl();

    default String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    default String viewgateUrl() {
        return realmUrl() + "/viewgate";
    }

    default String adminUrl() {
        return baseUrl() + "/admin/realms/" + REALM + "/viewgate";
    }

    /** Everything the server has logged so far. */
    String log();

    void stop();
}
