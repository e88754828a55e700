package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Await;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Access-request emails through the realm's SMTP settings, received by a real SMTP server on loopback. */
@ExtendWith(KeycloakExtension.class)
class AccessRequestMailIT {

    private static final String REALM = KeycloakServer.REALM;

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;
    private GreenMail smtp;

    AccessRequestMailIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    @BeforeEach
    void startSmtp() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        setSmtp(Map.of("host", "127.0.0.1", "port", Integer.toString(port), "from", "viewgate@viewgate.test"));
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
        setSmtp(Map.of());
    }

    private void setSmtp(Map<String, String> config) {
        JsonNode realm = Admin.expect(http.get(admin.realmAdminUrl(REALM), http.adminToken()), 200).json();
        ((ObjectNode) realm).set("smtpServer", Http.JSON.valueToTree(config));
        Admin.expect(http.putJson(admin.realmAdminUrl(REALM), http.adminToken(), realm), 204);
    }

    private List<MimeMessage> messagesTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void decidersHearOfANewRequestAndTheRequesterOfTheDecision() throws Exception {
        String username = "mail-" + System.nanoTime();
        admin.createUser(REALM, username, "Mara", "Mail");
        String token = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
        String message = "Please <script>alert(1)</script> & thanks";
        String id = Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests", token,
                Map.of("desiredRole", "builder", "message", message)), 201).json().get("id").asText();

        Await.until(Duration.ofSeconds(15), () -> messagesTo("ada@viewgate.test").size() + messagesTo("olga@viewgate.test").size(),
                n -> n == 2, "one email to each decider");
        MimeMessage toAda = messagesTo("ada@viewgate.test").get(0);
        assertEquals("Access request from Mara Mail", toAda.getSubject());
        String body = GreenMailUtil.getBody(toAda);
        assertTrue(body.contains("Mara Mail (" + username + "@viewgate.test) asks for more access."), body);
        assertTrue(body.contains("Builder (T4)"), body);
        assertTrue(body.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; thanks"), "escaped in the HTML part: " + body);
        assertTrue(body.contains("/realms/viewgate-demo/viewgate/access-requests/queue"), body);
        assertEquals(0, messagesTo(username + "@viewgate.test").size(), "the requester is not told of their own request");

        Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests", token, Map.of("message", "edited")), 200);
        Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests/" + id + "/decline", http.memberToken("ada"),
                Map.of("reason", "Not now")), 200);
        MimeMessage declined = Await.until(Duration.ofSeconds(15), () -> messagesTo(username + "@viewgate.test"), l -> l.size() == 1,
                "the decision email").get(0);
        assertEquals("Your access request was declined", declined.getSubject());
        assertTrue(GreenMailUtil.getBody(declined).contains("Not now"));
        assertEquals(1, messagesTo("ada@viewgate.test").size(), "an edit of a pending request sends no new email");

        String second = Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests", token, Map.of("desiredRole", "explorer")), 201)
                .json().get("id").asText();
        Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests/" + second + "/grant", http.memberToken("olga"),
                Map.of("role", "explorer")), 200);
        MimeMessage granted = Await.until(Duration.ofSeconds(15), () -> messagesTo(username + "@viewgate.test"), l -> l.size() == 2,
                "the grant email").stream().filter(m -> subject(m).contains("granted")).findFirst().orElseThrow();
        assertTrue(GreenMailUtil.getBody(granted).contains("you are now Explorer (T2)"), GreenMailUtil.getBody(granted));
    }

    /** The email's text as a reader sees it: each part decoded (German has umlauts, sent quoted-printable). */
    private static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(multipart.getBodyPart(i).getContent()).append('\n');
            }
            return text.toString();
        }
        return String.valueOf(content);
    }

    /** Sets the user's {@code locale} attribute as the account console does when they pick a language. */
    private void setLocale(String userId, String locale) {
        String url = admin.realmAdminUrl(REALM) + "/users/" + userId;
        ObjectNode user = (ObjectNode) Admin.expect(http.get(url, http.adminToken()), 200).json();
        user.with("attributes").set("locale", Http.JSON.valueToTree(List.of(locale)));
        Admin.expect(http.putJson(url, http.adminToken(), user), 204);
    }

    @Test
    void germanReadersGetGermanEmailsWithGermanTierNames() throws Exception {
        String deciderName = "mail-de-decider-" + System.nanoTime();
        String deciderId = admin.createUser(REALM, deciderName, "Dieter", "Entscheider");
        admin.grantRealmRoles(REALM, deciderId, "administrator");
        setLocale(deciderId, "de");
        String requesterName = "mail-de-" + System.nanoTime();
        String requesterId = admin.createUser(REALM, requesterName, "Maren", "Mail");
        setLocale(requesterId, "de");
        try {
            String token = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", requesterName, requesterName);
            String id = Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests", token,
                    Map.of("desiredRole", "builder", "message", "Ich baue Berichte")), 201).json().get("id").asText();
            MimeMessage toDecider = Await.until(Duration.ofSeconds(15), () -> messagesTo(deciderName + "@viewgate.test"),
                    l -> l.size() == 1, "the German decider's email").get(0);
            assertEquals("Zugangsanfrage von Maren Mail", toDecider.getSubject());
            String body = text(toDecider);
            assertTrue(body.contains("Maren Mail (" + requesterName + "@viewgate.test) bittet um mehr Zugang."), body);
            assertTrue(body.contains("Gewünschte Stufe") && body.contains("Gestalter (T4)"), body);
            assertTrue(body.contains("Zugangsanfragen öffnen"), body);
            assertEquals("Access request from Maren Mail", messagesTo("ada@viewgate.test").stream()
                    .filter(m -> subject(m).contains("Maren")).findFirst().orElseThrow().getSubject(), "ada reads English");

            String deciderToken = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", deciderName, deciderName);
            Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests/" + id + "/grant", deciderToken,
                    Map.of("role", "explorer", "note", "Willkommen")), 200);
            MimeMessage granted = Await.until(Duration.ofSeconds(15), () -> messagesTo(requesterName + "@viewgate.test"),
                    l -> l.size() == 1, "the grant email").get(0);
            assertEquals("Ihre Zugangsanfrage wurde bewilligt", granted.getSubject());
            String grantedText = text(granted);
            assertTrue(grantedText.contains("Ihre Zugangsanfrage wurde bewilligt: Sie sind jetzt Entdecker (T2)."), grantedText);
            assertTrue(grantedText.contains("Willkommen") && grantedText.contains("Ihren Zugang ansehen"), grantedText);
            assertTrue(!grantedText.contains("Explorer"), "no English tier name: " + grantedText);
        } finally {
            http.delete(admin.realmAdminUrl(REALM) + "/users/" + deciderId, http.adminToken());
            http.delete(admin.realmAdminUrl(REALM) + "/users/" + requesterId, http.adminToken());
        }
    }

    @Test
    void aMailServerThatIsDownNeverUndoesTheRequest() {
        smtp.stop();
        String username = "nomail-" + System.nanoTime();
        admin.createUser(REALM, username, "Ned", "Nomail");
        String token = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
        Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests", token, Map.of("message", "no mail today")), 201);
        JsonNode mine = Admin.expect(http.get(server.viewgateUrl() + "/access-requests/mine", token), 200).json();
        assertEquals("no mail today", mine.get("pending").get("message").asText());
        Await.until(Duration.ofSeconds(15), () -> server.log().contains("could not email"), found -> found,
                "the failed send to be logged");
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
