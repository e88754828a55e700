package dev.viewgate.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The build generates the OpenAPI document from the resources' annotations; docs/openapi.yaml must be that document. */
class OpenApiDocumentTest {

    private static final Path PROJECT = Path.of(System.getProperty("viewgate.project.dir", "."));

    @Test
    void committedDocumentIsTheGeneratedOne() throws IOException {
        String generated = Files.readString(PROJECT.resolve("target/classes/META-INF/openapi/viewgate-openapi.yaml"));
        String committed = Files.readString(PROJECT.resolve("docs/openapi.yaml"));
        assertEquals(generated, committed, "docs/openapi.yaml is stale: cp target/classes/META-INF/openapi/viewgate-openapi.yaml docs/openapi.yaml");
    }

    @Test
    void everyEndpointIsDocumented() throws IOException {
        String document = Files.readString(PROJECT.resolve("docs/openapi.yaml"));
        for (String path : new String[] {"/realms/{realm}/viewgate/me:", "/realms/{realm}/viewgate/tiers:",
                "/realms/{realm}/viewgate:", "/admin/realms/{realm}/viewgate/setup:", "/admin/realms/{realm}/viewgate/audit:",
                "/admin/realms/{realm}/viewgate/audit/export:", "/admin/realms/{realm}/viewgate/audit/verify:",
                "/admin/realms/{realm}/viewgate/audit/retention:", "/admin/realms/{realm}/viewgate/view-as-sessions:",
                "/admin/realms/{realm}/viewgate/view-as-sessions/{sessionId}:", "/admin/realms/{realm}/viewgate/settings:",
                "/admin/realms/{realm}/viewgate/settings/{name}:", "/admin/realms/{realm}/viewgate/ladder:"}) {
            assertTrue(document.contains("  " + path + "\n"), path);
        }
    }
}
