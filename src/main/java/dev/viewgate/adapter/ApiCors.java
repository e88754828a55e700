package dev.viewgate.adapter;

import dev.viewgate.base.Caller;
import jakarta.ws.rs.core.Response;
import org.keycloak.services.cors.Cors;

/** CORS for the JSON API: browser apps of the realm call it with their access tokens. */
public final class ApiCors {

    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "OPTIONS"};

    private ApiCors() {
    }

    /** The answer to a preflight: the real request is checked against the token's allowed origins. */
    public static Response preflight() {
        return Cors.builder().preflight().auth().allowedMethods(METHODS).add(Response.ok());
    }

    /** Adds CORS headers for the caller's token; 403 for an Origin the token's client does not allow. */
    static void allow(Caller caller) {
        Cors.builder().auth().allowedMethods(METHODS).exposedHeaders("Location").checkAllowedOrigins(caller.token()).add();
    }
}
