package dev.viewgate.request;

import dev.viewgate.adapter.ThemeMessages;
import dev.viewgate.tier.Tier;
import dev.viewgate.tier.TierLabels;
import dev.viewgate.tier.TierLadder;
import dev.viewgate.tier.TierService;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Emails about access requests, through the realm's SMTP settings and Keycloak's email templates: deciders hear
 * of a new request, the requester of the decision. Mail goes out only after the change has committed, in its own
 * transaction, and a failure to send is logged, never undoing the request.
 */
final class AccessRequestMail {

    private static final Logger LOG = Logger.getLogger(AccessRequestMail.class);
    private static final int MAX_DECIDERS = 100;

    private AccessRequestMail() {
    }

    /** Deciders with an email learn of a new request (not of edits to a pending one). */
    static void newRequest(KeycloakSession session, RealmModel realm, AccessRequestEntity request, String queueUrl) {
        afterCommit(session, realm, s -> {
            RealmModel r = s.realms().getRealm(realm.getId());
            UserModel requester = s.users().getUserById(r, request.getRequesterId());
            if (requester == null) {
                return;
            }
            TierService tiers = new TierService(s, r);
            Map<String, Object> attributes = new HashMap<>();
            attributes.put("requesterName", name(requester));
            attributes.put("requesterEmail", requester.getEmail() == null ? "" : requester.getEmail());
            attributes.put("message", request.getMessage() == null ? "" : request.getMessage());
            attributes.put("queueUrl", queueUrl);
            deciders(s, r, tiers).filter(d -> !d.getId().equals(requester.getId())).forEach(decider -> {
                Map<String, Object> forDecider = new HashMap<>(attributes);
                forDecider.put("desiredTier", label(s, r, decider, tiers.ladder(), request.getDesiredRole()));
                send(s, r, decider, "viewgateEmailNewRequestSubject", List.of(name(requester)),
                        "viewgate-access-request-new.ftl", forDecider);
            });
        });
    }

    /** The requester learns that their request was granted or declined. */
    static void decided(KeycloakSession session, RealmModel realm, AccessRequestEntity request, String formUrl) {
        afterCommit(session, realm, s -> {
            RealmModel r = s.realms().getRealm(realm.getId());
            UserModel requester = s.users().getUserById(r, request.getRequesterId());
            if (requester == null) {
                return;
            }
            TierLadder ladder = new TierService(s, r).ladder();
            Map<String, Object> attributes = new HashMap<>();
            attributes.put("granted", request.getStatus() == AccessRequestStatus.GRANTED);
            attributes.put("grantedTier", label(s, r, requester, ladder, request.getGrantedRole()));
            attributes.put("reason", request.getReason() == null ? "" : request.getReason());
            attributes.put("formUrl", formUrl);
            send(s, r, requester, request.getStatus() == AccessRequestStatus.GRANTED ? "viewgateEmailGrantedSubject"
                    : "viewgateEmailDeclinedSubject", List.of(), "viewgate-access-request-decided.ftl", attributes);
        });
    }

    /** Members whose tier role (held directly or through a group) reaches the realm's decide threshold. */
    private static Stream<UserModel> deciders(KeycloakSession session, RealmModel realm, TierService tiers) {
        int minTier = tiers.settings().decideMinTier();
        Map<String, UserModel> byId = new LinkedHashMap<>();
        for (Tier tier : tiers.ladder().tiers()) {
            if (tier.level() < minTier) {
                continue;
            }
            RoleModel role = realm.getRole(tier.role());
            session.users().getRoleMembersStream(realm, role, 0, MAX_DECIDERS).forEach(u -> byId.putIfAbsent(u.getId(), u));
            session.groups().getGroupsStream(realm).filter(g -> g.hasDirectRole(role)).forEach(g ->
                    session.users().getGroupMembersStream(realm, g, 0, MAX_DECIDERS).forEach(u -> byId.putIfAbsent(u.getId(), u)));
        }
        return byId.values().stream().filter(UserModel::isEnabled).filter(u -> u.getEmail() != null).limit(MAX_DECIDERS);
    }

    private static void send(KeycloakSession session, RealmModel realm, UserModel to, String subjectKey, List<Object> subjectArgs,
                             String template, Map<String, Object> attributes) {
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(to)
                    .send(subjectKey, subjectArgs, template, new HashMap<>(attributes));
        } catch (EmailException e) {
            LOG.warnf(e, "Viewgate could not email %s about an access request in realm %s", to.getUsername(), realm.getName());
        }
    }

    private static void afterCommit(KeycloakSession session, RealmModel realm, java.util.function.Consumer<KeycloakSession> job) {
        if (realm.getSmtpConfig() == null || realm.getSmtpConfig().get("host") == null) {
            LOG.debugf("Realm %s has no SMTP server; no access-request email", realm.getName());
            return;
        }
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                try {
                    KeycloakModelUtils.runJobInTransaction(factory, s -> {
                        s.getContext().setRealm(s.realms().getRealm(realm.getId()));
                        job.accept(s);
                    });
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Viewgate could not send access-request email in realm %s", realm.getName());
                }
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    private static String name(UserModel user) {
        String name = dev.viewgate.tier.TierResource.displayName(user);
        return name == null ? user.getUsername() : name;
    }

    /** The tier of {@code role} as {@code reader} reads it: in their language ({@link TierLabels}). */
    private static String label(KeycloakSession session, RealmModel realm, UserModel reader, TierLadder ladder, String role) {
        if (role == null) {
            return "";
        }
        TierLabels labels = TierLabels.of(ThemeMessages.forEmail(session, realm, reader));
        return ladder.byRole(role).map(labels::withLevel).orElse(role);
    }
}
