package dev.viewgate.demo;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Registers the workspace's views with Viewgate using the app's service account (client credentials), retrying with
 * a bounded backoff until Keycloak answers.
 */
public final class ViewRegistrar {

    private static final Logger LOG = Logger.getLogger(ViewRegistrar.class.getName());
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final KeycloakClient keycloak;
    private final Workspace workspace;

    public ViewRegistrar(KeycloakClient keycloak, Workspace workspace) {
        this.keycloak = keycloak;
        this.workspace = workspace;
    }

    /** Registers in a background thread; returns at once. */
    public Thread startInBackground() {
        Thread thread = new Thread(this::registerUntilDone, "viewgate-view-registration");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    void registerUntilDone() {
        Duration delay = FIRST_DELAY;
        for (int attempt = 1; !Thread.currentThread().isInterrupted(); attempt++) {
            try {
                registerAll();
                return;
            } catch (Exception e) {
                LOG.warning("Registering views with Viewgate failed (attempt " + attempt + "), retrying in "
                        + delay.toSeconds() + " s: " + e.getMessage());
            }
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
        }
    }

    /** One pass: a service-account token, then a PUT per view. */
    public void registerAll() throws KeycloakClient.KeycloakException {
        String token = keycloak.serviceAccountToken().path("access_token").asText();
        for (DataView view : workspace.views()) {
            KeycloakClient.Answer answer = keycloak.putView(token, view.key(), view.settings());
            if (!answer.ok()) {
                throw new KeycloakClient.KeycloakException("PUT view " + view.key() + ": " + answer.error(), answer, null);
            }
            LOG.log(Level.INFO, "Registered view {0} with Viewgate ({1})",
                    new Object[] {view.key(), answer.status() == 201 ? "created" : "updated"});
        }
    }
}
