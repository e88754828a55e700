package dev.viewgate.provider;

import dev.viewgate.base.ViewgateException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;
import org.keycloak.utils.SecureContextResolver;

/**
 * {@code /realms/{realm}/viewgate/console/}: the Viewgate console's shell and its static files. Nothing here needs
 * or reads a session: the console signs in with code + PKCE through {@value RealmSetup#CONSOLE_CLIENT_ID} and reads
 * and changes everything through Keycloak's admin REST API, which authorizes each call.
 */
@Tag(name = "Pages")
public final class ConsoleResource {

    private static final Logger LOG = Logger.getLogger(ConsoleResource.class);
    /** The files the console is made of, packaged from themes/resources/console/, and how they are served. */
    private static final Map<String, String> FILES = Map.of(
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8",
            "messages-en.json", "application/json; charset=utf-8",
            "messages-de.json", "application/json; charset=utf-8");
    private static final String PACKAGED = "theme-resources/resources/console/";

    private final KeycloakSession session;

    ConsoleResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The Viewgate console (HTML shell without data; signs in with code + PKCE through viewgate-console)")
    public Response shell() {
        RealmModel realm = session.getContext().getRealm();
        URI base = session.getContext().getUri().getBaseUri();
        String consolePath = base.getPath().replaceAll("/$", "") + "/realms/" + realm.getName() + "/viewgate/console/";
        if (!session.getContext().getUri().getRequestUri().getRawPath().endsWith("/")) {
            // the app's relative URLs and the client's exact redirect URI both want the trailing slash
            return Response.status(Response.Status.MOVED_PERMANENTLY)
                    .location(session.getContext().getUri().getBaseUriBuilder().replacePath(consolePath).build()).build();
        }
        ClientModel client = realm.getClientByClientId(RealmSetup.CONSOLE_CLIENT_ID);
        boolean setUp = client != null && client.isEnabled();
        if (!setUp) {
            LOG.debugf("Viewgate console of realm '%s' asked for, but the realm has no enabled client %s: run setup",
                    realm.getName(), RealmSetup.CONSOLE_CLIENT_ID);
        }
        String serverUrl = base.toString().replaceAll("/$", "");
        Locale locale = session.getContext().resolveLocale(null);
        String html = ConsoleShell.html(new ConsoleShell.Config(locale == null ? "en" : locale.getLanguage(),
                realm.getName(), RealmSetup.CONSOLE_CLIENT_ID, serverUrl, consolePath,
                Urls.themeRoot(base).getPath(), setUp, SecureContextResolver.isSecureContext(session)));
        return Response.status(setUp ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "no-store")
                .entity(html)
                .build();
    }

    @GET
    @Path("{file}")
    @Operation(summary = "The console's script, style sheet and messages (app.js, app.css, messages-en.json, messages-de.json)")
    public Response file(@PathParam("file") String file) {
        String type = FILES.get(file);
        if (type == null) {
            throw ViewgateException.notFound("unknown_file", "The console has no such file");
        }
        byte[] bytes;
        try (InputStream in = ConsoleResource.class.getClassLoader().getResourceAsStream(PACKAGED + file)) {
            if (in == null) {
                throw new IllegalStateException("The jar lacks " + PACKAGED + file);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // no-cache: the browser revalidates, so a Viewgate upgrade is picked up at once (Keycloak's resource tag
        // changes only when Keycloak itself migrates).
        return Response.ok(bytes, type)
                .header("Cache-Control", "no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
