package dev.viewgate.openapi;

import dev.viewgate.provider.ViewgateAdminResource;
import dev.viewgate.provider.ViewgateRealmResource;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * Build-time only: tells the OpenAPI generator where Keycloak mounts Viewgate's resources (Keycloak dispatches to
 * them from its own resources, so they carry no root {@code @Path}). Excluded from the jar: Keycloak's build would
 * otherwise register it as a JAX-RS root resource.
 */
@Path("/")
@OpenAPIDefinition(info = @Info(title = "Viewgate", version = "1",
        description = "Guest access, view as, access requests and audit for Keycloak. Realm endpoints take a Bearer "
                + "access token of the realm; admin endpoints a Keycloak admin token. Errors are "
                + "{\"error\": code, \"error_description\": text}."))
public abstract class ViewgateApiRoot {

    @Path("realms/{realm}/viewgate")
    public abstract ViewgateRealmResource realm(@PathParam("realm") String realm);

    @Path("admin/realms/{realm}/viewgate")
    public abstract ViewgateAdminResource admin(@PathParam("realm") String realm);
}
