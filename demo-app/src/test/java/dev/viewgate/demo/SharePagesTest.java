package dev.viewgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The share form's rules and the pages' wording, without a server. */
class SharePagesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void theExpiryIsReadInTheZoneThePageSaysItIsIn() {
        assertNull(Times.expiry("", ZoneOffset.UTC, NOW));
        assertEquals(Instant.parse("2030-06-01T08:00:00Z"), Times.expiry("2030-06-01T10:00", ZoneId.of("Europe/Berlin"), NOW),
                "summer time in Berlin is UTC+2");
        assertEquals(Instant.parse("2030-01-15T09:00:00Z"), Times.expiry("2030-01-15T10:00", ZoneId.of("Europe/Berlin"), NOW));
        assertEquals(Instant.parse("2999-01-02T03:04:00Z"), Times.expiry("2999-01-02T03:04", ZoneOffset.UTC, NOW));
        assertEquals(Instant.parse("2030-06-01T10:00:05Z"), Times.expiry("2030-06-01T10:00:05", ZoneOffset.UTC, NOW));
        IllegalArgumentException past = assertThrows(IllegalArgumentException.class,
                () -> Times.expiry("2000-01-01T00:00", ZoneOffset.UTC, NOW));
        assertEquals("The expiry must lie in the future: 1 Jan 2000, 00:00 UTC has already passed.", past.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Times.expiry("tomorrow", ZoneOffset.UTC, NOW));
    }

    @Test
    void anUnknownZoneIsUtc() {
        assertEquals(ZoneOffset.UTC, Times.zone(null));
        assertEquals(ZoneOffset.UTC, Times.zone("Mars/Olympus"));
        assertEquals(ZoneOffset.UTC, Times.zone("x".repeat(100)));
        assertEquals(ZoneId.of("America/New_York"), Times.zone("America/New_York"));
    }

    @Test
    void datesAreReadableWithTheExactInstantAsTitle() {
        assertEquals("3 Dec 2026, 08:17 UTC", Times.utc(Instant.parse("2026-12-03T08:17:02.651Z")));
        assertEquals("3 Dec 2026, 09:17 (Europe/Berlin)", Times.in(Instant.parse("2026-12-03T08:17:02.651Z"), ZoneId.of("Europe/Berlin")));
        String html = Times.html("2026-12-03T08:17:02.651Z", "never", "t");
        assertEquals("<time datetime=\"2026-12-03T08:17:02.651Z\" title=\"2026-12-03T08:17:02.651Z\" data-local data-test=\"t\">"
                + "3 Dec 2026, 08:17 UTC</time>", html);
        assertEquals("<span data-test=\"t\">never</span>", Times.html(null, "never", "t"));
        assertEquals("<span>&lt;b&gt;</span>", Times.html("<b>", "never", null), "something odd is shown escaped");
    }

    @Test
    void anErrorLooksLikeAnErrorAndASuccessLikeASuccess() {
        Session session = new SessionStore().create();
        session.flashError("The expiry must lie in the future");
        String error = Pages.flash(session);
        assertTrue(error.contains("class=\"flash flash-error\"") && error.contains("role=\"alert\"")
                && error.contains("data-kind=\"error\""), error);
        assertEquals("", Pages.flash(session), "shown once");
        session.flash("Row saved.", null);
        String success = Pages.flash(session);
        assertTrue(success.contains("flash-success") && success.contains("data-kind=\"success\"") && !success.contains("flash-error"));
        session.flash("Guest link created", "http://app/guest#s\"<");
        String link = Pages.flash(session);
        assertTrue(link.contains("value=\"http://app/guest#s&quot;&lt;\""), link);
        assertTrue(link.contains("id=\"share-link-copy\"") && link.contains("aria-live=\"polite\""), "a copy button and its status");
    }

    @Test
    void theBoxesShowWhatAPresetGivesAndWhatTheViewDoesNotAllow() {
        ViewSettings clientReport = new ViewSettings("Client Report", true, false, true);
        assertEquals(Set.of("read", "write"), Pages.ticked(new ShareDraft("editor", Set.of(), "", "", "", null), clientReport));
        assertEquals(Set.of("read"), Pages.ticked(ShareDraft.blank(), clientReport));
        assertEquals(Set.of("read", "export"), Pages.ticked(new ShareDraft("custom", Set.of("export", "create"), "", "", "", null),
                clientReport));
    }

    @Test
    void aLinkEndsWithItsTrueReason() {
        SharedLink revoked = new SharedLink("g1", "client-report", "", "bob", List.of("read"), null,
                Instant.parse("2026-03-01T11:00:00Z"), "revoked", false);
        SharedLink expired = new SharedLink("g2", "client-report", "", "bob", List.of("read"),
                Instant.parse("2026-03-01T11:00:00Z"), null, "expired", false);
        SharedLink expiringThisSecond = new SharedLink("g3", "client-report", "", "bob", List.of("read"),
                NOW.plusSeconds(1), null, "active", false);
        SharedLink active = new SharedLink("g4", "client-report", "", "bob", List.of("read"), null, null, "active", false);
        assertEquals(SharedLink.Ending.REVOKED, revoked.ending(NOW));
        assertEquals(SharedLink.Ending.EXPIRED, expired.ending(NOW));
        assertEquals(SharedLink.Ending.EXPIRED, expiringThisSecond.ending(NOW), "a token ends a second before its grant");
        assertEquals(SharedLink.Ending.ENDED, active.ending(NOW));

        DataView view = Workspace.withSampleData().view("client-report").orElseThrow();
        String expiredPage = Pages.linkEnded(SharedLink.Ending.EXPIRED, expired, view);
        assertTrue(expiredPage.contains("data-test=\"link-expired\"") && expiredPage.contains("expired on 1 Mar 2026, 11:00 UTC"));
        assertFalse(expiredPage.contains("revoked"), "an expired link never says revoked");
        String revokedPage = Pages.linkEnded(SharedLink.Ending.REVOKED, revoked, view);
        assertTrue(revokedPage.contains("Access revoked: bob stopped sharing “Client Report”"), revokedPage);
        assertTrue(Pages.linkEnded(SharedLink.Ending.UNKNOWN, null, null).contains("data-test=\"link-invalid\""));
    }

    @Test
    void theAppsOwnServiceAccountIsTheApp() throws Exception {
        SharedLink link = SharedLink.of(new ObjectMapper().readTree("{\"id\":\"g\",\"permissions\":[\"read\"],"
                + "\"createdBy\":{\"username\":\"service-account-demo-app\"},\"expiresAt\":null,\"status\":\"active\"}"), "v");
        assertEquals(Workspace.COMPANY, link.sharedBy());
        assertNull(link.expiresAt());
    }

    @Test
    void theLinkBookKeepsOnlyAHashOfTheSecret() {
        LinkBook book = new LinkBook();
        book.remember("s3cret", "grant-1", "client-report");
        assertEquals(new LinkBook.Entry("grant-1", "client-report"), book.find("s3cret").orElseThrow());
        assertTrue(book.find("other").isEmpty());
        assertEquals(64, LinkBook.hash("s3cret").length());
        assertFalse(LinkBook.hash("s3cret").contains("s3cret"));
    }

    @Test
    void sentences() {
        assertEquals("nothing", Pages.sentence(List.of()));
        assertEquals("read the rows", Pages.sentence(List.of("read the rows")));
        assertEquals("a, b and c", Pages.sentence(List.of("a", "b", "c")));
    }
}
