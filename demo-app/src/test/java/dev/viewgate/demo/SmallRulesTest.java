package dev.viewgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmallRulesTest {

    @Test
    void tierLabelsAndClaims() {
        assertEquals("Explorer (T2)", Tiers.labelWithLevel(2));
        assertEquals("Owner", Tiers.label(8));
        assertEquals("No tier", Tiers.labelWithLevel(0));
        assertEquals(4, Tiers.fromClaim(4L));
        assertEquals(3, Tiers.fromClaim("3"));
        assertEquals(0, Tiers.fromClaim(null));
        assertEquals(0, Tiers.fromClaim(-1));
        assertEquals(0, Tiers.fromClaim(2.5));
    }

    @Test
    void viewAsBanner() {
        Map<String, Object> tierMode = new HashMap<>();
        tierMode.put("mode", "tier");
        tierMode.put("tier", 2L);
        tierMode.put("user", null);
        tierMode.put("actor", Map.of("id", "1", "username", "ada"));
        assertEquals("Viewing as Explorer (T2)", ViewAsState.fromClaim(tierMode).banner());

        Map<String, Object> userMode = Map.of("mode", "user", "tier", 4L,
                "user", Map.of("id", "2", "username", "bob"), "actor", Map.of("id", "1", "username", "ada"));
        assertEquals("Viewing as bob", ViewAsState.fromClaim(userMode).banner());
        assertNull(ViewAsState.fromClaim(null));
    }

    @Test
    void returnPathsStayLocal() {
        assertEquals("/views/client-report", MemberRoutes.localPath("/views/client-report"));
        assertEquals("/", MemberRoutes.localPath("//evil.example/"));
        assertEquals("/", MemberRoutes.localPath("https://evil.example/"));
        assertEquals("/", MemberRoutes.localPath("/\\evil.example"));
        assertEquals("/", MemberRoutes.localPath(null));
    }


    @Test
    void configFromPropertiesThenEnvironmentThenDefaults() {
        AppConfig defaults = AppConfig.from(name -> null, Map.of());
        assertEquals("http://localhost:8080", defaults.keycloakUrl());
        assertEquals("http://localhost:8081", defaults.appBaseUrl());
        assertEquals(8081, defaults.port());

        AppConfig custom = AppConfig.from(name -> AppConfig.KEYCLOAK_URL.equals(name) ? "http://127.0.0.1:9999/" : null,
                Map.of("VIEWGATE_APP_PORT", "18081"));
        assertEquals("http://127.0.0.1:9999", custom.keycloakUrl());
        assertEquals(18081, custom.port());
        assertEquals("http://localhost:18081", custom.appBaseUrl());
        assertEquals("http://127.0.0.1:9999", custom.keycloakOrigin());
    }

    @Test
    void pkceS256MatchesRfc7636() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                Randoms.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        assertEquals(43, Randoms.token().length());
        assertTrue(Randoms.same("a", "a"));
        assertTrue(!Randoms.same("a", null));
    }
}
