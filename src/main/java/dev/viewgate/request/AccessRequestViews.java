package dev.viewgate.request;

import dev.viewgate.base.QueryParams;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The deciders' list, shared by the realm API and the admin API. */
final class AccessRequestViews {

    static final int MAX_PAGE = 100;
    /** {@code status=ALL}: every status, newest first. */
    private static final String ALL = "ALL";

    private AccessRequestViews() {
    }

    /**
     * A page of requests with a status (PENDING by default, or ALL), of one requester when {@code requester} names one
     * by id or username; a requester nobody has has no requests.
     */
    static List<AccessRequestRepresentation> page(KeycloakSession session, RealmModel realm, String status, String requester,
                                                  String first, String max) {
        AccessRequestStatus wanted = ALL.equals(status == null ? null : status.trim()) ? null
                : QueryParams.enumValue("status", status, AccessRequestStatus.PENDING, AccessRequestStatus.class);
        QueryParams.Page page = QueryParams.page(first, max, 20, MAX_PAGE);
        String requesterId = null;
        if (requester != null && !requester.isBlank()) {
            UserModel user = findUser(session, realm, requester.trim());
            if (user == null) {
                return List.of();
            }
            requesterId = user.getId();
        }
        return new AccessRequestService(session, realm).list(wanted, requesterId, page.first(), page.max()).stream()
                .map(r -> AccessRequestRepresentation.of(r, session.users().getUserById(realm, r.getRequesterId())))
                .toList();
    }

    private static UserModel findUser(KeycloakSession session, RealmModel realm, String idOrUsername) {
        UserModel byId = session.users().getUserById(realm, idOrUsername);
        return byId != null ? byId : session.users().getUserByUsername(realm, idOrUsername);
    }
}
