package dev.viewgate.demo;

import static dev.viewgate.demo.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server-rendered HTML. Every dynamic value goes through {@link Html#esc}. Pages work without JavaScript;
 * /static/app.js only adds to them (local times, the share form's presets, the copy button).
 */
public final class Pages {

    private final KeycloakClient keycloak;

    public Pages(KeycloakClient keycloak) {
        this.keycloak = keycloak;
    }

    // ---- layout ----

    static String document(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + "</title><link rel=\"stylesheet\" href=\"/static/app.css\">"
                + "<script src=\"/static/app.js\" defer></script></head>"
                + "<body>" + body + "</body></html>";
    }

    /** A page of the signed-in app: header with the account menu, the view-as banner, then the content. */
    String member(Session session, MemberTokens member, AccountNews news, String title, String content) {
        StringBuilder out = new StringBuilder();
        ViewAsState viewAs = member.viewAs();
        if (viewAs != null) {
            out.append("<div class=\"banner\" id=\"view-as-banner\" data-test=\"view-as-banner\" role=\"status\">")
                    .append("<span data-test=\"view-as-text\">").append(esc(viewAs.banner())).append("</span>")
                    .append("<form method=\"post\" action=\"/view-as/exit\">").append(csrf(session))
                    .append("<button type=\"submit\" id=\"view-as-exit\" data-test=\"view-as-exit\">Exit</button></form></div>");
        }
        out.append("<header><div class=\"brand\"><a href=\"/\" data-test=\"home-link\">").append(esc(Workspace.COMPANY))
                .append("</a> <span class=\"workspace\" data-test=\"workspace-name\">").append(esc(Workspace.NAME))
                .append("</span></div><nav class=\"menu\" id=\"account-menu\" data-test=\"account-menu\">")
                .append("<span id=\"menu-username\" data-test=\"menu-username\">").append(esc(member.username()))
                .append("</span> <span class=\"tier\" id=\"menu-tier\" data-test=\"menu-tier\">")
                .append(esc(Tiers.labelWithLevel(member.tier()))).append("</span>");
        if (MemberAccess.mayViewAs(member.tier(), viewAs != null)) {
            out.append(" <a href=\"").append(esc(keycloak.viewAsSelectUrl()))
                    .append("\" id=\"view-as-link\" data-test=\"view-as-link\">View as…</a>");
        }
        if (news.decides()) {
            out.append(" <a href=\"").append(esc(keycloak.accessRequestQueueUrl()))
                    .append("\" id=\"queue-link\" data-test=\"queue-link\">Access requests <span class=\"badge\" "
                            + "id=\"queue-count\" data-test=\"queue-count\" aria-label=\"")
                    .append(news.queuePending()).append(" waiting\">").append(news.queuePending()).append("</span></a>");
        }
        // Previewing with less access is no time to ask for more: Viewgate refuses it then, so the link is not offered.
        if (viewAs == null) {
            out.append(" <a href=\"").append(esc(keycloak.accessRequestFormUrl()))
                    .append("\" id=\"request-access-link\" data-test=\"request-access-link\">Request more access</a>");
        }
        if (news.requestPending()) {
            out.append(" <span class=\"badge\" id=\"menu-pending\" data-test=\"menu-pending\">request pending</span>");
        }
        out.append(" <form method=\"post\" action=\"/logout\" class=\"inline\">").append(csrf(session))
                .append("<button type=\"submit\" id=\"logout\" data-test=\"logout\">Sign out</button></form></nav></header>");
        out.append("<main>").append(flash(session)).append(content).append("</main>");
        return document(title + " · " + Workspace.NAME, out.toString());
    }

    /** The one-time message: a success (green) or an error (red, announced); a new link comes with a copy button. */
    static String flash(Session session) {
        Session.Flash flash = session.takeFlash();
        StringBuilder out = new StringBuilder();
        if (flash == null) {
            return "";
        }
        if (flash.message() != null) {
            out.append(flash.error() ? error("flash", flash.message())
                    : "<p class=\"flash flash-success\" id=\"flash\" data-test=\"flash\" data-kind=\"success\" role=\"status\">"
                    + esc(flash.message()) + "</p>");
        }
        if (flash.link() != null) {
            out.append("<div class=\"link-once\" data-test=\"share-link-box\"><label for=\"share-link\">Copy this link now: "
                    + "it is shown only once.</label><div class=\"copy-row\"><input type=\"text\" readonly id=\"share-link\" "
                    + "data-test=\"share-link\" data-select-on-focus value=\"").append(esc(flash.link()))
                    .append("\"><button type=\"button\" id=\"share-link-copy\" data-test=\"share-link-copy\" "
                            + "data-copy=\"share-link\" data-copy-status=\"share-link-copied\" hidden>Copy link</button></div>"
                            + "<p class=\"copy-status\" id=\"share-link-copied\" data-test=\"share-link-copied\" "
                            + "aria-live=\"polite\"></p></div>");
        }
        return out.toString();
    }

    /** An error banner: red, with "Not done" so that it never reads as a success; the page's script scrolls to it. */
    static String error(String testId, String message) {
        return "<div class=\"flash flash-error\" id=\"" + esc(testId) + "\" data-test=\"" + esc(testId)
                + "\" data-kind=\"error\" role=\"alert\" tabindex=\"-1\" data-scroll-here><strong>Not done:</strong> "
                + esc(message) + "</div>";
    }

    static String csrf(Session session) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(session.csrfToken()) + "\">";
    }

    /** The way back to where the person came from. */
    static String back(String href, String label) {
        return "<p class=\"back\"><a href=\"" + esc(href) + "\" id=\"back\" data-test=\"back\">← " + esc(label) + "</a></p>";
    }

    // ---- anonymous and member pages ----

    String signedOut() {
        return document(Workspace.COMPANY, "<header><div class=\"brand\">" + esc(Workspace.COMPANY)
                + " <span class=\"workspace\">" + esc(Workspace.NAME) + "</span></div></header><main>"
                + "<h1>Welcome</h1><p>Sign in with your Acme account to see the " + esc(Workspace.NAME) + " workspace.</p>"
                + "<p><a class=\"button\" href=\"/login\" id=\"login\" data-test=\"login\">Sign in</a></p></main>");
    }

    String home(Session session, MemberTokens member, AccountNews news, Workspace workspace) {
        StringBuilder content = new StringBuilder("<h1>").append(esc(Workspace.NAME)).append("</h1>");
        content.append(outcome(news, member.tier()));
        if (member.tier() < Tiers.READ) {
            content.append("<p id=\"no-access\" data-test=\"no-access\">You are signed in but have no access to this "
                    + "workspace yet. Use “Request more access” to ask for it.</p>");
        } else {
            content.append("<ul class=\"views\" id=\"view-list\" data-test=\"view-list\">");
            for (DataView view : workspace.views()) {
                content.append("<li><a href=\"/views/").append(esc(view.key())).append("\" data-test=\"view-link-")
                        .append(esc(view.key())).append("\">").append(esc(view.title())).append("</a> <span class=\"muted\">")
                        .append(view.shareable() ? "shareable" : "internal only").append("</span></li>");
            }
            content.append("</ul>");
        }
        return member(session, member, news, "Home", content.toString());
    }

    /** The outcome of the member's newest access request, when it was decided: granted (and the tier now) or declined. */
    static String outcome(AccountNews news, int tier) {
        String outcome = news.recentOutcome(Instant.now());
        if ("GRANTED".equals(outcome)) {
            return "<p class=\"flash flash-success\" id=\"request-outcome\" data-test=\"request-outcome\" data-status=\"GRANTED\">"
                    + "Your access request was granted: you are now " + esc(Tiers.labelWithLevel(tier)) + ".</p>";
        }
        if ("DECLINED".equals(outcome)) {
            return "<div class=\"flash flash-notice\" id=\"request-outcome\" data-test=\"request-outcome\" data-status=\"DECLINED\">"
                    + "<p>Your access request was declined" + (news.reason() == null ? "." : ": “" + esc(news.reason()) + "”")
                    + "</p><p>You may ask again with “Request more access”.</p></div>";
        }
        return "";
    }

    /**
     * A view: its table, forms and properties, and for members who share it the guest form, the public-link form and
     * the links made so far. {@code guestDraft} and {@code publicDraft} refill a refused form (null: blank).
     */
    String view(Session session, MemberTokens member, AccountNews news, DataView view, JsonNode guests, String guestsError,
                ShareDraft guestDraft, ShareDraft publicDraft) {
        MemberAccess access = MemberAccess.of(member.tier(), view);
        String base = "/views/" + esc(view.key());
        StringBuilder content = new StringBuilder();
        content.append(back("/", "All views"));
        // A refused form is far down the page: say so at the top, with a link to the form's own message.
        if (guestDraft != null && guestDraft.error() != null || publicDraft != null && publicDraft.error() != null) {
            boolean guestForm = guestDraft != null && guestDraft.error() != null;
            content.append("<div class=\"flash flash-error\" id=\"form-error\" data-test=\"form-error\" data-kind=\"error\">"
                    + "<strong>Not done:</strong> the ").append(guestForm ? "guest" : "public")
                    .append(" link was not created. <a href=\"#").append(guestForm ? "share" : "public")
                    .append("-error\">See why</a>; what you typed is kept.</div>");
        }
        content.append("<h1 data-test=\"view-title\">").append(esc(view.title())).append("</h1>");
        content.append(table(session, view, view.rows(), access.edit(), base));
        if (access.addRows()) {
            content.append(addRowForm(session, view, base));
        }
        if (access.export()) {
            content.append("<p><a href=\"").append(base).append("/export.csv\" id=\"export-link\" data-test=\"export-link\">"
                    + "Export CSV</a></p>");
        }
        content.append(properties(session, view, access, base));
        if (access.share()) {
            content.append(guestForm(session, view, base, guestDraft == null ? ShareDraft.blank() : guestDraft));
            content.append(publicForm(session, base, publicDraft == null ? ShareDraft.blank() : publicDraft));
            content.append(links(session, base, guests, guestsError));
        }
        return member(session, member, news, view.title(), content.toString());
    }

    private static String properties(Session session, DataView view, MemberAccess access, String base) {
        ViewSettings settings = view.settings();
        StringBuilder out = new StringBuilder("<section class=\"panel\" id=\"properties\" data-test=\"properties\"><h2>"
                + "Properties</h2><dl><dt>Sharing</dt><dd data-test=\"setting-shareable\">")
                .append(view.shareable() ? "shareable" : "internal only").append("</dd>");
        for (String name : List.of("editable", "addable", "exportable")) {
            boolean on = "editable".equals(name) ? settings.editable() : "addable".equals(name) ? settings.addable() : settings.exportable();
            out.append("<dt>").append(name).append("</dt><dd><span data-test=\"setting-").append(name).append("\">")
                    .append(on ? "yes" : "no").append("</span>");
            if (access.changeSettings()) {
                out.append(" <form method=\"post\" action=\"").append(base).append("/settings\" class=\"inline\">")
                        .append(csrf(session)).append("<input type=\"hidden\" name=\"setting\" value=\"").append(name)
                        .append("\"><input type=\"hidden\" name=\"value\" value=\"").append(!on)
                        .append("\"><button type=\"submit\" id=\"toggle-").append(name).append("\" data-test=\"toggle-")
                        .append(name).append("\">").append(on ? "Turn off" : "Turn on").append("</button></form>");
            }
            out.append("</dd>");
        }
        return out.append("</dl></section>").toString();
    }

    /** What a permission lets a guest do, for people. */
    static String describe(String permission) {
        return switch (permission) {
            case "read" -> "read the rows";
            case "write" -> "edit rows";
            case "create" -> "add rows";
            case "export" -> "export as CSV";
            default -> permission;
        };
    }

    /** The boxes a draft ticks: its preset's permissions, or for custom its ticked boxes; only those the view allows. */
    static Set<String> ticked(ShareDraft draft, ViewSettings settings) {
        List<String> wanted = switch (draft.preset()) {
            case "editor" -> GuestAccess.EDITOR;
            case "custom" -> GuestAccess.ALL.stream().filter(p -> "read".equals(p) || draft.checked().contains(p)).toList();
            default -> GuestAccess.READ_ONLY;
        };
        Set<String> ticked = new LinkedHashSet<>();
        wanted.stream().filter(p -> GuestAccess.unavailable(p, settings) == null).forEach(ticked::add);
        return ticked;
    }

    private static String guestForm(Session session, DataView view, String base, ShareDraft draft) {
        ViewSettings settings = view.settings();
        Set<String> ticked = ticked(draft, settings);
        StringBuilder out = new StringBuilder("<section class=\"panel\" id=\"share\" data-test=\"share-section\">"
                + "<h2>Share with a guest</h2><p class=\"muted\">A guest sees this view only, nothing else of the "
                + "workspace, and can do only what you tick here and the view's properties allow.</p>");
        if (draft.error() != null) {
            out.append(error("share-error", draft.error()));
        }
        out.append("<form method=\"post\" action=\"").append(base).append("/guests\" id=\"share-form\" data-test=\"share-form\" "
                        + "data-presets>").append(csrf(session))
                .append("<fieldset><legend>Permissions</legend><div class=\"presets\">")
                .append(radio("read-only", "Read only", GuestAccess.READ_ONLY, draft.preset()))
                .append(radio("editor", "Editor (read, write, create)", GuestAccess.EDITOR, draft.preset()))
                .append(radio("custom", "Custom", null, draft.preset()))
                .append("</div><p class=\"muted\">A preset ticks the boxes below; changing a box makes it Custom.</p>"
                        + "<ul class=\"permissions\">");
        for (String permission : GuestAccess.ALL) {
            String reason = "read".equals(permission) ? "always included" : GuestAccess.unavailable(permission, settings);
            boolean unavailable = !"read".equals(permission) && reason != null;
            out.append("<li><label><input type=\"checkbox\" name=\"permission\" value=\"").append(permission)
                    .append("\" id=\"share-perm-").append(permission).append("\" data-test=\"share-perm-").append(permission)
                    .append("\"").append(ticked.contains(permission) ? " checked" : "")
                    .append(reason != null ? " disabled aria-describedby=\"share-perm-" + permission + "-reason\"" : "")
                    .append("> <span class=\"permission\">").append(permission).append("</span> <span class=\"muted\">(")
                    .append(esc(describe(permission))).append(")</span></label>");
            if (reason != null) {
                out.append(" <span class=\"").append(unavailable ? "reason" : "muted").append("\" id=\"share-perm-")
                        .append(permission).append("-reason\" data-test=\"share-perm-").append(permission).append("-reason\">")
                        .append(unavailable ? "Not available: " : "").append(esc(reason)).append("</span>");
            }
            out.append("</li>");
        }
        out.append("</ul></fieldset>")
                .append(expiryField("share", draft))
                .append("<div class=\"field\"><label for=\"share-label\">Label <span class=\"muted\">(optional; who it is "
                        + "for, seen by members only)</span></label><input type=\"text\" name=\"label\" maxlength=\"")
                .append(ShareDraft.MAX_LABEL).append("\" id=\"share-label\" data-test=\"share-label\" value=\"")
                .append(esc(draft.label())).append("\"></div>")
                .append("<button type=\"submit\" id=\"share-submit\" data-test=\"share-submit\">Create guest link</button></form>"
                        + "</section>");
        return out.toString();
    }

    /** The expiry field of a share form: local time when the page's script tells the zone, else UTC, and says which. */
    private static String expiryField(String prefix, ShareDraft draft) {
        ZoneId zone = Times.zone(draft.timeZone());
        String zoneText = "Z".equals(zone.getId()) || "UTC".equals(zone.getId()) ? "UTC" : "your time, " + zone.getId();
        return "<div class=\"field\"><label for=\"" + prefix + "-expires\">Expires <span class=\"muted\">(<span "
                + "id=\"" + prefix + "-expires-zone\" data-test=\"" + prefix + "-expires-zone\" data-zone-label>" + esc(zoneText)
                + "</span>; optional, empty: no end date)</span></label><input type=\"datetime-local\" name=\"expiresAt\" "
                + "id=\"" + prefix + "-expires\" data-test=\"" + prefix + "-expires\" value=\"" + esc(draft.expiresAt()) + "\">"
                + "<input type=\"hidden\" name=\"timeZone\" data-time-zone value=\""
                + esc(draft.timeZone().isEmpty() ? "" : zone.getId()) + "\"></div>";
    }

    private static String publicForm(Session session, String base, ShareDraft draft) {
        StringBuilder out = new StringBuilder("<section class=\"panel\" id=\"public\" data-test=\"public-section\">"
                + "<h2>Public link</h2><p><strong>Anyone who has a public link can read this view</strong>, without an "
                + "account and without signing in, and can pass the link on. Public links only read: no editing, adding "
                + "or exporting. You are asked to confirm before the link is made.</p>");
        if (draft.error() != null) {
            out.append(error("public-error", draft.error()));
        }
        out.append("<form method=\"post\" action=\"").append(base).append("/public\" id=\"public-form\" data-test=\"public-form\">")
                .append(csrf(session))
                .append("<div class=\"field\"><label for=\"public-label\">Label <span class=\"muted\">(optional; where you "
                        + "publish it, seen by members only)</span></label><input type=\"text\" name=\"label\" maxlength=\"")
                .append(ShareDraft.MAX_LABEL).append("\" id=\"public-label\" data-test=\"public-label\" value=\"")
                .append(esc(draft.label())).append("\"></div>")
                .append(expiryField("public", draft))
                .append("<button type=\"submit\" id=\"make-public\" data-test=\"make-public\">Create public link…</button></form>"
                        + "</section>");
        return out.toString();
    }

    /** The step that confirms a public link: says who can read it, until when, and carries the checked fields on. */
    String confirmPublic(Session session, MemberTokens member, AccountNews news, DataView view, ShareDraft draft,
                         Instant expiresAt) {
        String base = "/views/" + esc(view.key());
        ZoneId zone = Times.zone(draft.timeZone());
        String label = draft.labelOrNull();
        StringBuilder content = new StringBuilder(back(base + "#public", "Back to " + view.title()))
                .append("<h1>Create a public link?</h1><div class=\"panel confirm\" id=\"public-confirm-text\" "
                        + "data-test=\"public-confirm-text\"><p><strong>Anyone with the link can read “")
                .append(esc(view.title())).append("”</strong>, without an account and without signing in. Whoever gets "
                        + "the link can pass it on.</p><ul><li>They can: read the rows. Nothing else: a public link never "
                        + "edits, adds or exports.</li><li>Label: ")
                .append(label == null ? "none" : "“" + esc(label) + "”").append("</li><li>Works until: ")
                .append(expiresAt == null ? "you revoke it (no end date)"
                        : "<time datetime=\"" + esc(expiresAt) + "\" title=\"" + esc(expiresAt) + "\" data-test=\"public-confirm-expires\">"
                        + esc(Times.in(expiresAt, zone)) + "</time>, or until you revoke it")
                .append("</li></ul></div><form method=\"post\" action=\"").append(base).append("/public\" class=\"actions\">")
                .append(csrf(session))
                .append("<input type=\"hidden\" name=\"label\" value=\"").append(esc(draft.label())).append("\">")
                .append("<input type=\"hidden\" name=\"expiresAt\" value=\"").append(esc(draft.expiresAt())).append("\">")
                .append("<input type=\"hidden\" name=\"timeZone\" value=\"").append(esc(draft.timeZone())).append("\">")
                .append("<input type=\"hidden\" name=\"confirm\" value=\"yes\">")
                .append("<button type=\"submit\" id=\"public-confirm\" data-test=\"public-confirm\">Yes, create the public link"
                        + "</button> <a href=\"").append(base).append("#public\" id=\"public-cancel\" data-test=\"public-cancel\">"
                        + "Cancel</a></form>");
        return member(session, member, news, "Create a public link", content.toString());
    }

    /** The view's links: who made each, what it allows, until when, its use, and revoke (confirmed) for the active ones. */
    private static String links(Session session, String base, JsonNode guests, String guestsError) {
        StringBuilder out = new StringBuilder("<section class=\"panel\" id=\"guests\" data-test=\"guests-section\">"
                + "<h2>Links to this view</h2>");
        if (guestsError != null) {
            out.append(error("guests-error", guestsError));
        }
        if (guests == null || !guests.isArray() || guests.isEmpty()) {
            if (guestsError == null) {
                out.append("<p class=\"muted\" data-test=\"guests-none\">No links yet.</p>");
            }
        }
        out.append("<div class=\"table-scroll\"><table id=\"guests-table\" data-test=\"guests-table\" class=\"stack\"><thead><tr>"
                + "<th>Label</th><th>Link</th><th>Permissions</th><th>Effective now</th><th>Expires</th><th>Status</th>"
                + "<th>Use</th><th>Shared by</th><th><span class=\"visually-hidden\">Actions</span></th></tr></thead><tbody>");
        if (guests != null && guests.isArray()) {
            for (JsonNode guest : guests) {
                out.append(linkRow(session, base, guest));
            }
        }
        return out.append("</tbody></table></div></section>").toString();
    }

    private static String linkRow(Session session, String base, JsonNode guest) {
        String id = guest.path("id").asText();
        String status = guest.path("status").asText();
        String label = guest.path("label").asText("");
        boolean isPublic = guest.path("public").asBoolean();
        String hint = guest.path("secretHint").asText("");
        String kind = (isPublic ? "public link" : "guest link") + (hint.isEmpty() ? "" : " …" + hint);
        StringBuilder out = new StringBuilder("<tr data-test=\"guest-row\" data-grant-id=\"").append(esc(id))
                .append("\" data-status=\"").append(esc(status)).append("\">")
                .append("<td data-label=\"Label\" data-test=\"guest-label\">").append(esc(label)).append("</td>")
                .append("<td data-label=\"Link\" data-test=\"guest-kind\">").append(esc(kind)).append("</td>")
                .append("<td data-label=\"Permissions\" data-test=\"guest-permissions\">").append(esc(joined(guest.path("permissions"))))
                .append("</td><td data-label=\"Effective now\" data-test=\"guest-effective\">")
                .append(esc(joined(guest.path("effectivePermissions")))).append("</td>")
                .append("<td data-label=\"Expires\">").append(Times.html(guest.path("expiresAt").asText(null), "never", "guest-expires"))
                .append("</td><td data-label=\"Status\"><span data-test=\"guest-status\">").append(esc(status)).append("</span>");
        if (guest.hasNonNull("revokedAt")) {
            out.append(" ").append(Times.html(guest.path("revokedAt").asText(null), "", "guest-revoked-at"));
        }
        out.append("</td><td data-label=\"Use\"><span data-test=\"guest-use-count\">")
                .append(esc(guest.path("useCount").asText("0"))).append("</span> opened, last ")
                .append(Times.html(guest.path("lastUsedAt").asText(null), "never", "guest-last-used"))
                .append("</td><td data-label=\"Shared by\"><span data-test=\"guest-created-by\">")
                .append(esc(guest.path("createdBy").path("username").asText(""))).append("</span>, ")
                .append(Times.html(guest.path("createdAt").asText(null), "", "guest-created-at")).append("</td><td>");
        if ("active".equals(status)) {
            String name = label.isEmpty() ? "this " + kind : "“" + label + "” (" + kind + ")";
            out.append("<details class=\"confirm\" data-test=\"revoke-details\"><summary class=\"danger\" id=\"revoke-")
                    .append(esc(id)).append("\" data-test=\"revoke\">Revoke…</summary><form method=\"post\" action=\"")
                    .append(base).append("/guests/revoke\">").append(csrf(session))
                    .append("<input type=\"hidden\" name=\"id\" value=\"").append(esc(id)).append("\"><p>Revoke ")
                    .append(esc(name)).append("? ").append(isPublic ? "Everyone who has it" : "The guest")
                    .append(" loses access at once. This cannot be undone.</p><button type=\"submit\" class=\"danger\" "
                            + "id=\"revoke-confirm-").append(esc(id)).append("\" data-test=\"revoke-confirm\">Yes, revoke"
                            + "</button></form></details>");
        }
        return out.append("</td></tr>").toString();
    }

    private static String radio(String value, String label, List<String> permissions, String selected) {
        return "<label><input type=\"radio\" name=\"preset\" value=\"" + value + "\" id=\"share-preset-" + value
                + "\" data-test=\"share-preset-" + value + "\""
                + (permissions == null ? "" : " data-permissions=\"" + String.join(" ", permissions) + "\"")
                + (value.equals(selected) ? " checked" : "") + "> " + esc(label) + "</label> ";
    }

    private static String joined(JsonNode array) {
        StringBuilder out = new StringBuilder();
        if (array.isArray()) {
            array.forEach(p -> out.append(out.length() == 0 ? "" : ", ").append(p.asText()));
        }
        return out.toString();
    }

    // ---- the table, shared by members and guests ----

    /** The view's rows; on a narrow screen the table scrolls inside its own box, never the page. */
    static String table(Session session, DataView view, List<DataView.Row> rows, boolean editable, String base) {
        StringBuilder out = new StringBuilder("<div class=\"table-scroll\" data-test=\"view-table-scroll\">"
                + "<table id=\"view-table\" data-test=\"view-table\"><thead><tr>");
        view.columns().forEach(c -> out.append("<th>").append(esc(c)).append("</th>"));
        if (editable) {
            out.append("<th><span class=\"visually-hidden\">Save</span></th>");
        }
        out.append("</tr></thead><tbody>");
        for (DataView.Row row : rows) {
            String formId = "edit-row-" + row.id();
            out.append("<tr data-test=\"row\" data-row-id=\"").append(row.id()).append("\">");
            for (int i = 0; i < row.cells().size(); i++) {
                String cell = row.cells().get(i);
                out.append("<td data-test=\"cell-").append(i).append("\">");
                if (editable) {
                    out.append("<input type=\"text\" name=\"c").append(i).append("\" form=\"").append(formId)
                            .append("\" value=\"").append(esc(cell)).append("\" maxlength=\"").append(DataView.MAX_CELL_LENGTH)
                            .append("\" aria-label=\"").append(esc(view.columns().get(i))).append("\" data-test=\"edit-cell-")
                            .append(i).append("\">");
                } else {
                    out.append(esc(cell));
                }
                out.append("</td>");
            }
            if (editable) {
                out.append("<td><form method=\"post\" action=\"").append(base).append("/rows/").append(row.id())
                        .append("\" id=\"").append(formId).append("\" data-test=\"edit-form\">").append(csrf(session))
                        .append("<button type=\"submit\" data-test=\"edit-save\">Save</button></form></td>");
            }
            out.append("</tr>");
        }
        return out.append("</tbody></table></div>").toString();
    }

    static String addRowForm(Session session, DataView view, String base) {
        StringBuilder out = new StringBuilder("<form method=\"post\" action=\"").append(base)
                .append("/rows\" id=\"add-row-form\" data-test=\"add-row-form\" class=\"panel\"><h2>Add row</h2>")
                .append(csrf(session)).append("<div class=\"fields\">");
        for (int i = 0; i < view.columns().size(); i++) {
            out.append("<label>").append(esc(view.columns().get(i))).append(" <input type=\"text\" name=\"c").append(i)
                    .append("\" maxlength=\"").append(DataView.MAX_CELL_LENGTH).append("\" data-test=\"add-cell-")
                    .append(i).append("\"></label> ");
        }
        return out.append("</div><button type=\"submit\" id=\"add-row-submit\" data-test=\"add-row-submit\">Add</button></form>")
                .toString();
    }

    // ---- messages ----

    /** A message page of the app, with a way back home. */
    static String message(String title, String text, String testId) {
        return message(title, text, testId, "/", "Home");
    }

    /** A message page of the app, with a way back to where the person came from. */
    static String message(String title, String text, String testId, String backHref, String backLabel) {
        return document(title, "<header><div class=\"brand\"><a href=\"/\">" + esc(Workspace.COMPANY) + "</a></div></header>"
                + "<main><h1>" + esc(title) + "</h1><p class=\"message\" id=\"" + esc(testId)
                + "\" data-test=\"" + esc(testId) + "\">" + esc(text) + "</p>" + back(backHref, backLabel) + "</main>");
    }

    // ---- guest pages: one view, no navigation, no workspace name ----

    /** A guest page: the app's name and "Shared view", nothing of the workspace. */
    static String guestDocument(String title, String content) {
        return document(title + " · " + Workspace.COMPANY, "<header><div class=\"brand\" data-test=\"guest-app\">"
                + esc(Workspace.COMPANY) + " <span class=\"workspace\">Shared view</span></div></header><main>" + content
                + "</main>");
    }

    static String guestLanding() {
        return guestDocument("Opening shared view", "<h1>Opening the shared view…</h1>"
                + "<p id=\"guest-status\" data-test=\"guest-status\">One moment.</p>"
                + "<noscript><p>This link needs JavaScript to open.</p></noscript>"
                + "<script src=\"/static/guest.js\"></script>");
    }

    /** A guest message; {@code more} is trusted HTML (a way back, or what to do now), or null. */
    static String guestMessage(String title, String text, String testId, String more) {
        return guestDocument(title, "<h1>" + esc(title) + "</h1><p class=\"message\" id=\"" + esc(testId)
                + "\" data-test=\"" + esc(testId) + "\">" + esc(text) + "</p>" + (more == null ? "" : more));
    }

    /** Why a link no longer opens its view, told truly: revoked, expired, unknown, or ended for a reason not known. */
    static String linkEnded(SharedLink.Ending ending, SharedLink link, DataView view) {
        String viewTitle = view == null ? "the shared view" : "“" + view.title() + "”";
        String sharer = link == null ? null : link.sharedBy();
        String ask = sharer == null ? "Ask the person who shared it with you for a new link if you still need it."
                : "Ask " + sharer + " for a new link if you still need it.";
        return switch (ending) {
            case REVOKED -> guestMessage("Access revoked", "Access revoked: " + (sharer == null ? "this link to " + viewTitle
                    + " was withdrawn" : sharer + " stopped sharing " + viewTitle + " through this link")
                    + (link != null && link.revokedAt() != null ? " on " + Times.utc(link.revokedAt()) : "") + ". " + ask,
                    "access-revoked", null);
            case EXPIRED -> guestMessage("Link expired", "This link to " + viewTitle + " expired"
                    + (link != null && link.expiresAt() != null ? " on " + Times.utc(link.expiresAt()) : "") + ". " + ask,
                    "link-expired", null);
            case UNKNOWN -> guestMessage("Link not valid", "This link does not open anything here. Check that you copied "
                    + "all of it. If it worked before, it may have expired or been withdrawn: ask the person who shared it "
                    + "with you.", "link-invalid", null);
            case ENDED -> guestMessage("Link no longer works", "This link no longer opens " + viewTitle + ". " + ask,
                    "link-ended", null);
        };
    }

    /** A guest may not do this: a way back to their view. */
    static String guestForbidden(String text) {
        return guestMessage("Not allowed", text, "forbidden", back("/guest/view", "Back to the shared view"));
    }

    /**
     * The guest's one view: who shared it, what the guest may do now (and what the grant allows but the view does not
     * at the moment), until when, then the table and the actions that are allowed.
     */
    static String guestView(Session session, DataView view, GuestAccess access, SharedLink link) {
        StringBuilder content = new StringBuilder(flash(session))
                .append("<h1 data-test=\"view-title\">").append(esc(view.title())).append("</h1>")
                .append("<section class=\"panel guest-info\" id=\"guest-info\" data-test=\"guest-info\">");
        if (link != null && link.sharedBy() != null) {
            content.append("<p id=\"guest-shared-by\" data-test=\"guest-shared-by\">Shared with you by <strong>")
                    .append(esc(link.sharedBy())).append("</strong>")
                    .append(link.isPublic() ? " as a public link: anyone who has it can read this view" : "").append(".</p>");
        }
        List<String> may = new ArrayList<>();
        if (access.read()) {
            may.add(describe("read"));
        }
        if (access.edit()) {
            may.add(describe("write"));
        }
        if (access.addRows()) {
            may.add(describe("create"));
        }
        if (access.export()) {
            may.add(describe("export"));
        }
        content.append("<p id=\"guest-permissions\" data-test=\"guest-permissions\">You can ").append(esc(sentence(may)))
                .append(".</p>");
        if (link != null) {
            List<String> paused = new ArrayList<>();
            Map<String, Boolean> allowedNow = Map.of("write", access.edit(), "create", access.addRows(), "export", access.export());
            for (String permission : List.of("write", "create", "export")) {
                if (link.permissions().contains(permission) && !allowedNow.get(permission)) {
                    paused.add(describe(permission));
                }
            }
            if (!paused.isEmpty()) {
                content.append("<p class=\"muted\" data-test=\"guest-paused\">Your link also allows you to ")
                        .append(esc(sentence(paused))).append(", but this view does not allow it at the moment.</p>");
            }
            content.append("<p id=\"guest-expires\" data-test=\"guest-expires\">");
            if (link.expiresAt() != null) {
                content.append("This link works until ").append(Times.html(link.expiresAt().toString(), "", "guest-expires-at"))
                        .append(".");
            } else {
                content.append("This link has no end date").append(link.sharedBy() == null ? "." : "; " + esc(link.sharedBy())
                        + " can withdraw it at any time.");
            }
            content.append("</p>");
        }
        content.append("</section>").append(table(session, view, view.rows(), access.edit(), "/guest"));
        if (access.addRows()) {
            content.append(addRowForm(session, view, "/guest"));
        }
        if (access.export()) {
            content.append("<p><a href=\"/guest/export.csv\" id=\"export-link\" data-test=\"export-link\">Export CSV</a></p>");
        }
        return guestDocument(view.title(), content.toString());
    }

    /** "a", "a and b", "a, b and c". */
    static String sentence(List<String> parts) {
        if (parts.isEmpty()) {
            return "nothing";
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
