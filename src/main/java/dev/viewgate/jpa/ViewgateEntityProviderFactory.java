package dev.viewgate.jpa;

import dev.viewgate.guest.GuestDenials;
import dev.viewgate.guest.GuestPrincipals;
import dev.viewgate.request.AccessRequestService;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Registers Viewgate's changelog (its changelog table is DATABASECHANGELOG_VIEWGATE_E) and cleans up after removals. */
public final class ViewgateEntityProviderFactory implements JpaEntityProviderFactory {

    public static final String ID = "viewgate-entities";
    private static final ViewgateEntityProvider PROVIDER = new ViewgateEntityProvider();

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return PROVIDER;
    }

    @Override
    public void init(Config.Scope config) {
    }

    /**
     * Viewgate's rows reference Keycloak's realms, clients and users by plain columns (a foreign key would make
     * Keycloak's own bulk deletes fail), so they are removed here, in the transaction that removes their owner.
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new AccessRequestService(removed.getKeycloakSession(), removed.getRealm()).removeAll();
                delete(removed.getKeycloakSession(), "delete from GuestGrantEntity g where g.realmId = :id", removed.getRealm().getId());
                delete(removed.getKeycloakSession(), "delete from ViewEntity v where v.realmId = :id", removed.getRealm().getId());
                GuestDenials.forgetRealm(removed.getKeycloakSession(), removed.getRealm().getId());
            } else if (event instanceof ClientModel.ClientRemovedEvent removed) {
                new GuestPrincipals(removed.getKeycloakSession(), removed.getClient().getRealm())
                        .removeAllOfClient(removed.getClient().getId());
                delete(removed.getKeycloakSession(), "delete from GuestGrantEntity g where g.viewId in "
                        + "(select v.id from ViewEntity v where v.clientUuid = :id)", removed.getClient().getId());
                delete(removed.getKeycloakSession(), "delete from ViewEntity v where v.clientUuid = :id", removed.getClient().getId());
                GuestDenials.forgetClient(removed.getKeycloakSession(), removed.getClient().getId());
            } else if (event instanceof UserModel.UserRemovedEvent removed) {
                new AccessRequestService(removed.getKeycloakSession(), removed.getRealm()).removePendingOf(removed.getUser());
            }
        });
    }

    private static void delete(KeycloakSession session, String jpql, String id) {
        session.getProvider(JpaConnectionProvider.class).getEntityManager().createQuery(jpql).setParameter("id", id).executeUpdate();
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
