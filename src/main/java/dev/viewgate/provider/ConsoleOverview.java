package dev.viewgate.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.viewgate.adapter.AdminAccess;
import dev.viewgate.audit.AuditVerifier;
import dev.viewgate.base.ViewgateException;
import dev.viewgate.guest.GuestGrantRepresentation;
import dev.viewgate.guest.GuestInventoryResource;
import dev.viewgate.request.AccessRequestService;
import dev.viewgate.request.AccessRequestStatus;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code GET /admin/realms/{r}/viewgate/overview}: the console's first page in one call, each part only for an admin
 * who may read it (the same checks as its own endpoint): the pending count (view-users), the audit chain's head
 * (view-events) and the newest active guest links (view-clients). A part the admin may not read is null and named in
 * {@code refused}; an admin who may read none of them is refused.
 */
public final class ConsoleOverview {

    /** How many active guest links the overview lists; one more tells whether there are more. */
    static final int GUESTS = 5;

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Representation(Long pending, AuditVerifier.ChainStatus audit, List<GuestGrantRepresentation> guests,
                                 List<String> refused) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminAccess access;

    ConsoleOverview(KeycloakSession session, RealmModel realm, AdminAccess access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
    }

    Representation read() {
        if (!access.mayViewUsers() && !access.mayViewEvents() && !access.mayViewClients()) {
            throw ViewgateException.forbidden("forbidden", "Only a Keycloak admin of realm '" + realm.getName()
                    + "' who may view users, events or clients may do this");
        }
        List<String> refused = new ArrayList<>();
        Long pending = null;
        if (access.mayViewUsers()) {
            pending = new AccessRequestService(session, realm).count(AccessRequestStatus.PENDING);
        } else {
            refused.add("requests");
        }
        AuditVerifier.ChainStatus audit = null;
        if (access.mayViewEvents()) {
            audit = new AuditVerifier(session).status(realm.getId());
        } else {
            refused.add("audit");
        }
        List<GuestGrantRepresentation> guests = null;
        if (access.mayViewClients()) {
            guests = new GuestInventoryResource(session, realm, access)
                    .inventory(null, null, null, "active", "0", String.valueOf(GUESTS + 1));
        } else {
            refused.add("guests");
        }
        return new Representation(pending, audit, guests, List.copyOf(refused));
    }
}
