package dev.viewgate.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Acme Analytics: a small app whose views are shared, previewed and protected through Viewgate. */
public final class DemoApp {

    private static final Logger LOG = Logger.getLogger(DemoApp.class.getName());
    private static final Map<String, String> STATIC_FILES = Map.of(
            "/static/app.css", "text/css; charset=utf-8",
            "/static/guest.js", "text/javascript; charset=utf-8",
            "/static/app.js", "text/javascript; charset=utf-8");

    private final AppConfig config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final KeycloakClient keycloak;
    private final Workspace workspace;
    private final Responses responses;
    private final MemberRoutes members;
    private final GuestRoutes guests;

    public DemoApp(AppConfig config) throws IOException {
        this.config = config;
        ObjectMapper json = new ObjectMapper();
        this.keycloak = new KeycloakClient(config, json);
        TokenVerifier verifier = new TokenVerifier(config);
        SessionStore sessions = new SessionStore();
        this.workspace = Workspace.withSampleData();
        this.responses = new Responses(config);
        LinkBook links = new LinkBook();
        this.members = new MemberRoutes(config, keycloak, verifier, sessions, workspace, new Pages(keycloak), responses, links);
        this.guests = new GuestRoutes(config, keycloak, verifier, sessions, workspace, responses, json, links);
        this.server = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 64);
        this.executor = Executors.newFixedThreadPool(16);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public static void main(String[] args) throws IOException {
        AppConfig config = AppConfig.load();
        DemoApp app = new DemoApp(config);
        app.start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "demo-app-shutdown"));
        System.out.println();
        System.out.println("  Acme Analytics (workspace \"" + Workspace.NAME + "\") is running at " + config.appBaseUrl() + "/");
        System.out.println("  Keycloak: " + config.realmUrl() + " (client " + config.clientId() + ")");
        System.out.println("  Sign in as (password = username): vera T1, eric T2, anna T3, bob T4, mia T5, arch T6, ada T7,"
                + " olga T8, nora (no tier)");
        System.out.println();
    }

    /** Starts serving and registers the views with Viewgate in the background. */
    public void start() {
        server.start();
        new ViewRegistrar(keycloak, workspace).startInBackground();
        LOG.info("Listening on " + config.bindAddress() + ":" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(1);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Request request = new Request(exchange);
            String method = request.method();
            if (!"GET".equals(method) && !"HEAD".equals(method) && !"POST".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD, POST");
                responses.html(exchange, 405, Pages.message("Not allowed", "Method not allowed.", "error"));
                return;
            }
            if (("GET".equals(method) || "HEAD".equals(method)) && STATIC_FILES.containsKey(request.path())) {
                staticFile(exchange, request.path());
                return;
            }
            if (guests.handle(request) || members.handle(request)) {
                return;
            }
            responses.html(exchange, 404, Pages.message("Not found", "There is no such page.", "not-found"));
        } catch (IllegalArgumentException e) {
            respondSafely(exchange, 400, "Bad request: " + e.getMessage());
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "Request " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                    + " failed", e);
            respondSafely(exchange, 500, "Something went wrong.");
        } finally {
            exchange.close();
        }
    }

    private void respondSafely(HttpExchange exchange, int status, String message) {
        try {
            responses.html(exchange, status, Pages.message("Error", message, "error"));
        } catch (IOException | RuntimeException alreadyAnswered) {
            LOG.log(Level.FINE, "Could not send the error page", alreadyAnswered);
        }
    }

    private void staticFile(HttpExchange exchange, String path) throws IOException {
        try (InputStream in = DemoApp.class.getResourceAsStream(path)) {
            if (in == null) {
                responses.html(exchange, 404, Pages.message("Not found", "There is no such file.", "not-found"));
                return;
            }
            responses.send(exchange, 200, STATIC_FILES.get(path), in.readAllBytes());
        }
    }
}
