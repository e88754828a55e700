package dev.viewgate.tier;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * How many members hold each tier of the realm's ladder, by their effective tier (composites and groups count, service
 * accounts and guest principals are no members). Keycloak has no query for "users whose highest tier role is N", so
 * this reads the realm's users a page at a time and stops after {@code cap} of them: the counts are then lower bounds.
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
        TierService tiers = new TierService(session, realm);
        Map<Integer, Long> members = new HashMap<>();
        int examined = 0;
        boolean capped = false;
        int first = 0;
        pages:
        while (true) {
            List<UserModel> page = session.users()
                    .searchForUserStream(realm, Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false"), first, PAGE).toList();
            for (UserModel user : page) {
                if (examined == cap) {
                    capped = true;
                    break pages;
                }
                examined++;
                Tier tier = tiers.tierOf(user);
                if (tier.isMember()) {
                    members.merge(tier.level(), 1L, Long::sum);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            first += page.size();
        }
        List<Rung> rungs = tiers.ladder().tiers().stream()
                .map(tier -> new Rung(tier, members.getOrDefault(tier.level(), 0L)))
                .toList();
        return new Result(rungs, capped);
    }
}
