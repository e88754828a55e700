package dev.viewgate.base;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * A client mistake or refusal, answered as a JSON error. JAX-RS sends a WebApplicationException that carries an
 * entity as it is, so Keycloak's error handler (which would drop the description) never sees it; for the same
 * reason the transaction is marked rollback-only here, so that nothing written before the refusal is committed.
 */
public final class ViewgateException extends WebApplicationException {

    public static final String INVALID_TOKEN = "invalid_token";

    private ViewgateException(Response response, String code) {
        super(code, response);
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session != null && session.getTransactionManager().isActive()) {
            session.getTransactionManager().setRollbackOnly();
        }
    }

    public static ViewgateException of(Response.Status status, String code, String description) {
        return new ViewgateException(json(status, code, description).build(), code);
    }

    public static ViewgateException badRequest(String code, String description) {
        return of(Response.Status.BAD_REQUEST, code, description);
    }

    public static ViewgateException forbidden(String code, String description) {
        return of(Response.Status.FORBIDDEN, code, description);
    }

    public static ViewgateException notFound(String code, String description) {
        return of(Response.Status.NOT_FOUND, code, description);
    }

    public static ViewgateException conflict(String code, String description) {
        return of(Response.Status.CONFLICT, code, description);
    }

    public static ViewgateException unauthorized(String code, String description) {
        Response response = json(Response.Status.UNAUTHORIZED, code, description)
                .header(HttpHeaders.WWW_AUTHENTICATE, INVALID_TOKEN.equals(code) ? "Bearer error=\"invalid_token\"" : "Bearer")
                .build();
        return new ViewgateException(response, code);
    }

    private static Response.ResponseBuilder json(Response.Status status, String code, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(code, description));
    }
}
