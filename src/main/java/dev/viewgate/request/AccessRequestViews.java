package dev.viewgate.request;

import dev.viewgate.base.QueryParams;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** The deciders' list, shared by the realm API and the admin API. */
final class AccessRequestViews {

    static final int MAX_PAGE = 100;

    private AccessRequestViews() {
    }

    static List<AccessRequestRepresentation> page(KeycloakSession session, RealmModel realm, String status, String first,
                                                  String max) {
        AccessRequestStatus wanted = QueryParams.enumValue("status", status, AccessRequestStatus.PENDING, AccessRequestStatus.class);
        QueryParams.Page page = QueryParams.page(first, max, 20, MAX_PAGE);
        return new AccessRequestService(session, realm).list(wanted, page.first(), page.max()).stream()
                .map(r -> AccessRequestRepresentation.of(r, session.users().getUserById(realm, r.getRequesterId())))
                .toList();
    }
}
