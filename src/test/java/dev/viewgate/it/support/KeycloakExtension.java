package dev.viewgate.it.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one Keycloak for the whole test run (the first IT class that needs it starts it; JUnit closes it when the
 * run ends, pass or fail) and injects it as a {@link KeycloakServer} parameter.
 */
public final class KeycloakExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

    /** Stored in the root context so that JUnit stops the server when the run ends. */
    private record Running(KeycloakServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.stop();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeycloakServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static KeycloakServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Running.class, key -> new Running(startServer()), Running.class)
                .server();
    }

    private static KeycloakServer startServer() {
        String kind = System.getProperty("viewgate.it.server", "distribution");
        try {
            if (kind.equals("docker")) {
                // Compiled only in the docker profile (src/docker/java), which brings testcontainers-keycloak.
                return (KeycloakServer) Class.forName("dev.viewgate.it.support.ContainerServer")
                        .getMethod("start").invoke(null);
            }
            return DistributionServer.start();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start Keycloak (" + kind + ")", e);
        }
    }
}
