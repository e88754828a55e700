package dev.viewgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Await;
import dev.viewgate.it.support.Browser;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;

/**
 * What the banner of {@code mvn -Prun} promises, checked against the running command the way a person uses it:
 * every URL it prints answers, bob signs in to the demo app through its real OIDC redirect in headless Chromium,
 * the same browser session shows the themed "My access" page, and a token of the demo realm gets {@code /me}.
 * Run by {@code .ci/check-run-command.sh} with the command's output as its argument; exits non-zero on a failure.
 */
public final class RunCommandCheck {

    private static final String KEYCLOAK = "http://localhost:8080";
    private static final String DEMO_APP = "http://localhost:8081";
    private static final Pattern URL = Pattern.compile("http://localhost:\\d+[^\\s)]*");

    private RunCommandCheck() {
    }

    public static void main(String[] args) throws IOException {
        Set<String> printed = bannerUrls(Path.of(args[0]));
        Http http = new Http(new Running());
        List<String> failures = new ArrayList<>();
        for (String url : printed) {
            Http.Result answer = http.get(url, null);
            boolean jsonApi = url.endsWith("/viewgate/me") || url.endsWith("/viewgate/tiers");
            boolean ok = jsonApi ? answer.status() == 401 && "not_authenticated".equals(answer.json().path("error").asText())
                    : answer.status() == 200 || isRedirectToLogin(answer);
            System.out.printf("  %s %d%s%n", url, answer.status(), ok ? "" : "  <- unexpected");
            if (!ok) {
                failures.add(url + " answered " + answer.status() + ": " + answer.body());
            }
        }
        if (printed.size() < 9) {
            failures.add("the banner printed " + printed.size() + " URLs, expected the demo app and 8 Keycloak URLs");
        }

        try (Browser bob = Browser.start("en")) {
            bob.open(DEMO_APP + "/login");
            bob.signIn("bob", "bob");
            Await.until(Duration.ofSeconds(20), () -> bob.driver().getCurrentUrl(), u -> u.startsWith(DEMO_APP),
                    "back in the demo app after signing in");
            bob.awaitText(By.id("menu-username"), "bob");
            System.out.println("  demo app: bob signed in through Keycloak, back on " + bob.driver().getCurrentUrl());
            bob.open(KEYCLOAK + "/realms/viewgate-demo/viewgate/");
            bob.awaitText(By.id("viewgate-tier"), "Builder (T4)");
            System.out.println("  My access page: " + bob.driver().getTitle() + ", " + bob.text(By.id("viewgate-tier")));
        } catch (RuntimeException | AssertionError e) {
            failures.add("browser: " + e.getMessage());
        }

        String token = http.passwordGrant(KEYCLOAK + "/realms/viewgate-demo", "demo-app", "demo-app-secret", "ada", "ada");
        JsonNode me = http.get(KEYCLOAK + "/realms/viewgate-demo/viewgate/me", token).json();
        System.out.println("  /me with ada's token: " + me);
        if (!"ada".equals(me.path("username").asText()) || me.path("tier").asInt() != 7) {
            failures.add("/me: " + me);
        }

        if (!failures.isEmpty()) {
            failures.forEach(failure -> System.out.println("FAILED " + failure));
            System.exit(1);
        }
        System.out.println("The run command's banner holds: " + printed.size() + " URLs, sign-in, My access, /me");
    }

    private static Set<String> bannerUrls(Path output) throws IOException {
        Set<String> urls = new LinkedHashSet<>();
        boolean inBanner = false;
        for (String line : Files.readAllLines(output)) {
            inBanner |= line.contains("Acme Analytics, the demo app");
            if (inBanner) {
                Matcher matcher = URL.matcher(line);
                while (matcher.find()) {
                    urls.add(matcher.group());
                }
            }
        }
        return urls;
    }

    private static boolean isRedirectToLogin(Http.Result answer) {
        String location = answer.header("Location");
        return (answer.status() == 302 || answer.status() == 303) && location != null
                && (location.contains("/protocol/openid-connect/auth") || location.endsWith("/admin/master/console/"));
    }

    /** The server {@code mvn -Prun} started, on the ports its banner prints. */
    private record Running() implements KeycloakServer {
        @Override
        public String baseUrl() {
            return KEYCLOAK;
        }

        @Override
        public String log() {
            return "";
        }

        @Override
        public void stop() {
            throw new UnsupportedOperationException("Ctrl-C stops the run command");
        }
    }
}
