package dev.viewgate.tier;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * How many members hold each tier of the realm's ladder, by their effective tier (composites and groups count, service
 * accounts and guest principals are no members). Keycloak has no query for "users whose highest tier role is N", so
 * this reads the realm's users a page at a time and stops after {@code cap} of them: the counts are then lower bounds.
 * Each page is read in its own short transaction: in the request's one, every user read stays in Hibernate's
 * persistence context, and each of the thousands of role and group queries that follow dirty-checks all of them before
 * it runs (10,000 users took 17-28 s, measured in the benchmark's realm).
 */
public final class TierCensus {

    /** One rung with its members: exact when not {@code capped}, at least {@code members} when capped. */
    public record Rung(Tier tier, long members) {
    }

    public record Result(List<Rung> rungs, boolean capped) {
    }

    private static final int PAGE = 500;

    private final KeycloakSession session;
    private final RealmModel realm;

    public TierCensus(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public Result count(int cap) {
        Map<Integer, Long> members = new HashMap<>();
        int examined = 0;
        boolean capped = false;
        int first = 0;
        pages:
        while (true) {
            List<Tier> page = tiersOfPage(first);
            for (Tier tier : page) {
                if (examined == cap) {
                    capped = true;
                    break pages;
                }
                examined++;
                if (tier.isMember()) {
                    members.merge(tier.level(), 1L, Long::sum);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            first += page.size();
        }
        List<Rung> rungs = new TierService(session, realm).ladder().tiers().stream()
                .map(tier -> new Rung(tier, members.getOrDefault(tier.level(), 0L)))
                .toList();
        return new Result(rungs, capped);
    }

    /** The tiers of the realm's users {@code first} to {@code first + PAGE}, read in a transaction of their own. */
    private List<Tier> tiersOfPage(int first) {
        String realmId = realm.getId();
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), pageSession -> {
            RealmModel pageRealm = pageSession.realms().getRealm(realmId);
            pageSession.getContext().setRealm(pageRealm);
            TierService tiers = new TierService(pageSession, pageRealm);
            return pageSession.users()
                    .searchForUserStream(pageRealm, Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false"), first, PAGE)
                    .map(tiers::tierOf)
                    .toList();
        });
    }
}
