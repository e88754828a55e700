package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KeycloakExtension.class)
class ServerInfoIT {

    private final KeycloakServer server;
    private final Http http;

    ServerInfoIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
    }

    @Test
    void providersReportTheJarVersion() {
        JsonNode providers = Admin.expect(http.get(server.baseUrl() + "/admin/serverinfo", http.adminToken()), 200)
                .json().get("providers");
        String version = System.getProperty("viewgate.version");
        for (String spi : new String[] {"realm-restapi-extension", "admin-realm-restapi-extension"}) {
            JsonNode viewgate = providers.get(spi).get("providers").get("viewgate");
            assertEquals(version, viewgate.get("operationalInfo").get("version").asText(), spi);
        }
    }
}
