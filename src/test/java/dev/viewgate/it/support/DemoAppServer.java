package dev.viewgate.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo app (demo-app/, built by the root build) as a real process on a free loopback port, pointed at the IT
 * Keycloak. The demo realm's {@code demo-app} client is given that port's redirect URIs first, as an admin would.
 */
public final class DemoAppServer implements AutoCloseable {

    private static final List<String> VIEWS = List.of("campaign-performance", "budget-overview", "client-report");

    private final Process process;
    private final String baseUrl;
    private final Path log;

    private DemoAppServer(Process process, String baseUrl, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    public static DemoAppServer start(KeycloakServer keycloak, Http http) {
        try {
            int port = DistributionServer.freePort();
            // 127.0.0.1, not localhost: the app listens on IPv4 loopback only, and a browser may try ::1 first.
            String baseUrl = "http://127.0.0.1:" + port;
            allowRedirectsTo(keycloak, http, baseUrl);
            Path log = Path.of(System.getProperty("viewgate.it.workdir", "target/it"), "demo-app.log");
            Path jar = Path.of(System.getProperty("viewgate.demo.jar", "demo-app/target/viewgate-demo-app-0.1.0-SNAPSHOT.jar"));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("No demo app jar at " + jar + ": mvn verify builds it");
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Dviewgate.keycloak.url=" + keycloak.baseUrl(),
                    "-Dviewgate.app.port=" + port, "-Dviewgate.app.url=" + baseUrl, "-Dviewgate.app.bind=127.0.0.1",
                    "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            DemoAppServer app = new DemoAppServer(process, baseUrl, log);
            Runtime.getRuntime().addShutdownHook(new Thread(app::close));
            // Other ITs register the same view keys in the shared Keycloak, so what Viewgate lists proves nothing about
            // this process: it is ready once it has logged its own registrations and answers HTTP.
            Await.until(Duration.ofSeconds(60), () -> registeredByThisProcess(process, log),
                    views -> views.containsAll(VIEWS), "the demo app up and its views registered (log: " + log + ")");
            Await.until(Duration.ofSeconds(30), () -> answers(baseUrl), Boolean::booleanValue,
                    "the demo app answering at " + baseUrl);
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String log() {
        return DistributionServer.read(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private static List<String> registeredByThisProcess(Process process, Path log) {
        if (!process.isAlive()) {
            throw new IllegalStateException("The demo app exited with " + process.exitValue() + ":\n"
                    + DistributionServer.read(log));
        }
        String output = Files.exists(log) ? DistributionServer.read(log) : "";
        List<String> keys = new ArrayList<>();
        VIEWS.stream().filter(view -> output.contains("Registered view " + view + " with Viewgate")).forEach(keys::add);
        return keys;
    }

    private static boolean answers(String baseUrl) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() < 500;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Fails with the app's exit code and log when it is no longer running: a refused page then has its cause. */
    public void requireRunning() {
        if (!process.isAlive()) {
            throw new IllegalStateException("The demo app exited with " + process.exitValue() + ":\n" + log());
        }
    }

    private static void allowRedirectsTo(KeycloakServer keycloak, Http http, String baseUrl) {
        String clients = keycloak.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + "/clients";
        String token = http.adminToken();
        JsonNode client = Admin.expect(http.get(clients + "?clientId=demo-app", token), 200).json().get(0);
        ObjectNode update = (ObjectNode) client;
        ((ArrayNode) update.withArray("redirectUris")).add(baseUrl + "/*");
        ((ArrayNode) update.withArray("webOrigins")).add(baseUrl);
        ObjectNode attributes = update.with("attributes");
        String postLogout = attributes.path("post.logout.redirect.uris").asText("");
        attributes.put("post.logout.redirect.uris", postLogout.isEmpty() ? baseUrl + "/*" : postLogout + "##" + baseUrl + "/*");
        Admin.expect(http.putJson(clients + "/" + client.get("id").asText(), token, update), 204);
    }
}
