package dev.viewgate.demo;

import static dev.viewgate.demo.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The server-rendered HTML. Every dynamic value goes through {@link Html#esc}. */
public final class Pages {

    private final KeycloakClient keycloak;

    public Pages(KeycloakClient keycloak) {
        this.keycloak = keycloak;
    }

    // ---- layout ----

    static String document(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + "</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head>"
                + "<body>" + body + "</body></html>";
    }

    /** A page of the signed-in app: header with the account menu, the view-as banner, then the content. */
    String member(Session session, MemberTokens member, Boolean requestPending, String title, String content) {
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
        out.append(" <a href=\"").append(esc(keycloak.accessRequestFormUrl()))
                .append("\" id=\"request-access-link\" data-test=\"request-access-link\">Request more access</a>");
        if (Boolean.TRUE.equals(requestPending)) {
            out.append(" <span class=\"badge\" id=\"menu-pending\" data-test=\"menu-pending\">request pending</span>");
        }
        out.append(" <form method=\"post\" action=\"/logout\" class=\"inline\">").append(csrf(session))
                .append("<button type=\"submit\" id=\"logout\" data-test=\"logout\">Sign out</button></form></nav></header>");
        out.append("<main>").append(flash(session)).append(content).append("</main>");
        return document(title + " · " + Workspace.NAME, out.toString());
    }

    static String flash(Session session) {
        String[] flash = session.takeFlash();
        StringBuilder out = new StringBuilder();
        if (flash[0] != null) {
            out.append("<p class=\"flash\" id=\"flash\" data-test=\"flash\" role=\"status\">").append(esc(flash[0])).append("</p>");
        }
        if (flash[1] != null) {
            out.append("<div class=\"link-once\" data-test=\"share-link-box\"><label for=\"share-link\">Copy this link now; it is "
                    + "shown only once:</label><input type=\"text\" readonly id=\"share-link\" data-test=\"share-link\" value=\"")
                    .append(esc(flash[1])).append("\" size=\"80\"></div>");
        }
        return out.toString();
    }

    static String csrf(Session session) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(session.csrfToken()) + "\">";
    }

    // ---- anonymous and member pages ----

    String signedOut() {
        return document(Workspace.COMPANY, "<header><div class=\"brand\">" + esc(Workspace.COMPANY)
                + " <span class=\"workspace\">" + esc(Workspace.NAME) + "</span></div></header><main>"
                + "<h1>Welcome</h1><p>Sign in with your Acme account to see the " + esc(Workspace.NAME) + " workspace.</p>"
                + "<p><a class=\"button\" href=\"/login\" id=\"login\" data-test=\"login\">Sign in</a></p></main>");
    }

    String home(Session session, MemberTokens member, Boolean pending, Workspace workspace) {
        StringBuilder content = new StringBuilder("<h1>").append(esc(Workspace.NAME)).append("</h1>");
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
        return member(session, member, pending, "Home", content.toString());
    }

    String view(Session session, MemberTokens member, Boolean pending, DataView view, JsonNode guests, String guestsError) {
        MemberAccess access = MemberAccess.of(member.tier(), view);
        String base = "/views/" + esc(view.key());
        StringBuilder content = new StringBuilder();
        content.append("<p><a href=\"/\" data-test=\"back-home\">All views</a></p><h1 data-test=\"view-title\">")
                .append(esc(view.title())).append("</h1>");
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
            content.append(shareSection(session, view, base, guests, guestsError));
        }
        return member(session, member, pending, view.title(), content.toString());
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

    private static String shareSection(Session session, DataView view, String base, JsonNode guests, String guestsError) {
        StringBuilder out = new StringBuilder("<section class=\"panel\" id=\"share\" data-test=\"share-section\">"
                + "<h2>Share with guest</h2>");
        out.append("<form method=\"post\" action=\"").append(base).append("/guests\" id=\"share-form\" data-test=\"share-form\">")
                .append(csrf(session))
                .append("<fieldset><legend>Permissions</legend>")
                .append(radio("read-only", "Read only", true))
                .append(radio("editor", "Editor (read, write, create)", false))
                .append(radio("custom", "Custom:", false));
        for (String permission : GuestAccess.ALL) {
            out.append("<label><input type=\"checkbox\" name=\"permission\" value=\"").append(permission)
                    .append("\" id=\"share-perm-").append(permission).append("\" data-test=\"share-perm-").append(permission)
                    .append("\"").append("read".equals(permission) ? " checked disabled" : "").append("> ")
                    .append(permission).append("</label> ");
        }
        out.append("</fieldset><label for=\"share-expires\">Expires (UTC, optional)</label> "
                        + "<input type=\"datetime-local\" name=\"expiresAt\" id=\"share-expires\" data-test=\"share-expires\"> "
                        + "<label for=\"share-label\">Label</label> <input type=\"text\" name=\"label\" maxlength=\"100\" "
                        + "id=\"share-label\" data-test=\"share-label\"> "
                        + "<button type=\"submit\" id=\"share-submit\" data-test=\"share-submit\">Create guest link</button></form>");
        out.append("<form method=\"post\" action=\"").append(base).append("/public\" class=\"inline\">").append(csrf(session))
                .append("<button type=\"submit\" id=\"make-public\" data-test=\"make-public\">Make public (read-only link)</button></form>");
        out.append("<h3>Guests</h3>");
        if (guestsError != null) {
            out.append("<p class=\"error\" data-test=\"guests-error\">").append(esc(guestsError)).append("</p>");
        }
        out.append("<table id=\"guests-table\" data-test=\"guests-table\"><thead><tr><th>Label</th><th>Permissions</th>"
                + "<th>Effective</th><th>Expires</th><th>Public</th><th>Status</th><th>Last used</th><th>Uses</th>"
                + "<th>Created by</th><th></th></tr></thead><tbody>");
        if (guests != null && guests.isArray()) {
            for (JsonNode guest : guests) {
                String id = guest.path("id").asText();
                String status = guest.path("status").asText();
                out.append("<tr data-test=\"guest-row\" data-grant-id=\"").append(esc(id)).append("\" data-status=\"")
                        .append(esc(status)).append("\">")
                        .append("<td data-test=\"guest-label\">").append(esc(guest.path("label").asText(""))).append("</td>")
                        .append("<td data-test=\"guest-permissions\">").append(esc(joined(guest.path("permissions")))).append("</td>")
                        .append("<td data-test=\"guest-effective\">").append(esc(joined(guest.path("effectivePermissions")))).append("</td>")
                        .append("<td data-test=\"guest-expires\">").append(esc(guest.path("expiresAt").asText("never"))).append("</td>")
                        .append("<td data-test=\"guest-public\">").append(guest.path("public").asBoolean() ? "yes" : "no").append("</td>")
                        .append("<td data-test=\"guest-status\">").append(esc(status)).append("</td>")
                        .append("<td data-test=\"guest-last-used\">").append(esc(guest.path("lastUsedAt").asText("never"))).append("</td>")
                        .append("<td data-test=\"guest-use-count\">").append(esc(guest.path("useCount").asText("0"))).append("</td>")
                        .append("<td data-test=\"guest-created-by\">").append(esc(guest.path("createdBy").path("username").asText(""))).append("</td><td>");
                if ("active".equals(status)) {
                    out.append("<form method=\"post\" action=\"").append(base).append("/guests/revoke\" class=\"inline\">")
                            .append(csrf(session)).append("<input type=\"hidden\" name=\"id\" value=\"").append(esc(id))
                            .append("\"><button type=\"submit\" class=\"revoke\" id=\"revoke-").append(esc(id))
                            .append("\" data-test=\"revoke\">Revoke</button></form>");
                }
                out.append("</td></tr>");
            }
        }
        return out.append("</tbody></table></section>").toString();
    }

    private static String radio(String value, String label, boolean checked) {
        return "<label><input type=\"radio\" name=\"preset\" value=\"" + value + "\" id=\"share-preset-" + value
                + "\" data-test=\"share-preset-" + value + "\"" + (checked ? " checked" : "") + "> " + esc(label) + "</label> ";
    }

    private static String joined(JsonNode array) {
        StringBuilder out = new StringBuilder();
        if (array.isArray()) {
            array.forEach(p -> out.append(out.length() == 0 ? "" : ", ").append(p.asText()));
        }
        return out.toString();
    }

    // ---- the table, shared by members and guests ----

    static String table(Session session, DataView view, List<DataView.Row> rows, boolean editable, String base) {
        StringBuilder out = new StringBuilder("<table id=\"view-table\" data-test=\"view-table\"><thead><tr>");
        view.columns().forEach(c -> out.append("<th>").append(esc(c)).append("</th>"));
        if (editable) {
            out.append("<th></th>");
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
        return out.append("</tbody></table>").toString();
    }

    static String addRowForm(Session session, DataView view, String base) {
        StringBuilder out = new StringBuilder("<form method=\"post\" action=\"").append(base)
                .append("/rows\" id=\"add-row-form\" data-test=\"add-row-form\" class=\"panel\"><h2>Add row</h2>")
                .append(csrf(session));
        for (int i = 0; i < view.columns().size(); i++) {
            out.append("<label>").append(esc(view.columns().get(i))).append(" <input type=\"text\" name=\"c").append(i)
                    .append("\" maxlength=\"").append(DataView.MAX_CELL_LENGTH).append("\" data-test=\"add-cell-")
                    .append(i).append("\"></label> ");
        }
        return out.append("<button type=\"submit\" id=\"add-row-submit\" data-test=\"add-row-submit\">Add</button></form>").toString();
    }

    // ---- messages ----

    static String message(String title, String text, String testId) {
        return document(title, "<main><h1>" + esc(title) + "</h1><p class=\"message\" id=\"" + esc(testId)
                + "\" data-test=\"" + esc(testId) + "\">" + esc(text) + "</p><p><a href=\"/\">Home</a></p></main>");
    }

    // ---- guest pages: one view, no navigation, no workspace name ----

    static String guestLanding() {
        return document("Opening shared view", "<main><h1>Opening the shared view…</h1>"
                + "<p id=\"guest-status\" data-test=\"guest-status\">One moment.</p>"
                + "<noscript><p>This link needs JavaScript to open.</p></noscript>"
                + "<script src=\"/static/guest.js\"></script></main>");
    }

    static String guestMessage(String title, String text, String testId) {
        return document(title, "<main><h1>" + esc(title) + "</h1><p class=\"message\" id=\"" + esc(testId)
                + "\" data-test=\"" + esc(testId) + "\">" + esc(text) + "</p></main>");
    }

    static String guestView(Session session, DataView view, GuestAccess access) {
        StringBuilder content = new StringBuilder("<header><div class=\"brand\">Shared view</div></header><main>")
                .append(flash(session))
                .append("<h1 data-test=\"view-title\">").append(esc(view.title())).append("</h1>")
                .append("<p class=\"muted\" data-test=\"guest-permissions\">You may: ")
                .append(esc(String.join(", ", GuestAccess.ALL.stream().filter(access.permissions()::contains).toList())))
                .append("</p>")
                .append(table(session, view, view.rows(), access.edit(), "/guest"));
        if (access.addRows()) {
            content.append(addRowForm(session, view, "/guest"));
        }
        if (access.export()) {
            content.append("<p><a href=\"/guest/export.csv\" id=\"export-link\" data-test=\"export-link\">Export CSV</a></p>");
        }
        return document(view.title(), content.append("</main>").toString());
    }
}
