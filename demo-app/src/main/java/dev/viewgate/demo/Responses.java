package dev.viewgate.demo;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes responses, each with the same security headers. */
public final class Responses {

    private final String contentSecurityPolicy;
    private final boolean secureCookies;

    public Responses(AppConfig config) {
        // Forms post to the app; a few answers then redirect to Keycloak (logout, sign-in), which form-action covers.
        this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                + "connect-src 'self'; form-action 'self' " + config.keycloakOrigin() + "; frame-ancestors 'none'; "
                + "base-uri 'none'";
        this.secureCookies = config.secureCookies();
    }

    public void html(HttpExchange exchange, int status, String html) throws IOException {
        send(exchange, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    public void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        send(exchange, 303, null, new byte[0]);
    }

    public void download(HttpExchange exchange, String filename, String contentType, String body) throws IOException {
        exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        send(exchange, 200, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Content-Security-Policy", contentSecurityPolicy);
        if (contentType != null) {
            headers.set("Content-Type", contentType);
        }
        boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    public void setCookie(HttpExchange exchange, String name, String value) {
        exchange.getResponseHeaders().add("Set-Cookie", name + "=" + value + "; HttpOnly; SameSite=Lax; Path=/"
                + (secureCookies ? "; Secure" : ""));
    }

    public void clearCookie(HttpExchange exchange, String name) {
        exchange.getResponseHeaders().add("Set-Cookie", name + "=; Max-Age=0; HttpOnly; SameSite=Lax; Path=/"
                + (secureCookies ? "; Secure" : ""));
    }
}
