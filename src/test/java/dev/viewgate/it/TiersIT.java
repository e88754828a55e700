package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KeycloakExtension.class)
class TiersIT {

    private final KeycloakServer server;
    private final Http http;

    TiersIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
    }

    @Test
    void theDemoLadderAscendingWithLabelsFromRoleDescriptions() {
        JsonNode tiers = Admin.expect(http.get(server.viewgateUrl() + "/tiers", http.memberToken("nora")), 200).json();
        List<String> seen = new ArrayList<>();
        tiers.forEach(t -> seen.add(t.get("tier").asInt() + " " + t.get("role").asText() + " " + t.get("label").asText()));
        assertEquals(List.of("1 viewer Viewer", "2 explorer Explorer", "3 analyst Analyst", "4 builder Builder",
                "5 maintainer Maintainer", "6 architect Architect", "7 administrator Administrator", "8 owner Owner"), seen);
    }

    @Test
    void tiersNeedAToken() {
        Http.Result result = http.get(server.viewgateUrl() + "/tiers", null);
        assertEquals(401, result.status());
        assertEquals("not_authenticated", result.json().get("error").asText());
    }
}
