package dev.viewgate.it.support;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testcontainers.utility.MountableFile;

/**
 * The ITs' server in a Docker container (testcontainers-keycloak), for machines with a Docker engine:
 * {@code mvn verify -Pdocker}. Same image version, jar and demo realm as the distribution harness.
 */
public final class ContainerServer implements KeycloakServer {

    private final KeycloakContainer container;

    private ContainerServer(KeycloakContainer container) {
        this.container = container;
    }

    public static KeycloakServer start() {
        Path probe = Path.of(System.getProperty("viewgate.it.workdir"), "viewgate-it-probe.jar");
        try {
            Files.createDirectories(probe.getParent());
            Files.write(probe, ProbeJar.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KeycloakContainer container = new KeycloakContainer(
                "quay.io/keycloak/keycloak:" + System.getProperty("keycloak.server.version"))
                .withProviderLibsFrom(List.of(new File(System.getProperty("viewgate.jar")), probe.toFile()))
                .withCopyFileToContainer(MountableFile.forHostPath(System.getProperty("viewgate.realm.file")),
                        "/opt/keycloak/data/import/viewgate-demo-realm.json");
        container.start();
        return new ContainerServer(container);
    }

    @Override
    public String baseUrl() {
        String url = container.getAuthServerUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String log() {
        return container.getLogs();
    }

    @Override
    public void stop() {
        container.stop();
    }
}
