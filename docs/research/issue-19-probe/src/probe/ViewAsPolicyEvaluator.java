package probe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import org.jboss.logging.Logger;
import org.keycloak.authorization.AuthorizationProvider;
import org.keycloak.authorization.Decision;
import org.keycloak.authorization.attribute.Attributes;
import org.keycloak.authorization.common.KeycloakIdentity;
import org.keycloak.authorization.identity.Identity;
import org.keycloak.authorization.model.PermissionTicket;
import org.keycloak.authorization.model.Policy;
import org.keycloak.authorization.model.Resource;
import org.keycloak.authorization.model.ResourceServer;
import org.keycloak.authorization.model.Scope;
import org.keycloak.authorization.permission.ResourcePermission;
import org.keycloak.authorization.policy.evaluation.DecisionPermissionCollector;
import org.keycloak.authorization.policy.evaluation.EvaluationContext;
import org.keycloak.authorization.policy.evaluation.PolicyEvaluator;
import org.keycloak.models.*;
import org.keycloak.models.utils.ModelToRepresentation;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.representations.idm.authorization.Permission;

/**
 * Throwaway probe of the "bob's decision AND ada's decision" decorator. The trigger is a file
 * /tmp/research/probe-viewas.txt containing "actorUsername targetUsername" (the real design reads the session's
 * view-as notes instead).
 */
public class ViewAsPolicyEvaluator implements PolicyEvaluator {
    private static final Logger LOG = Logger.getLogger(ViewAsPolicyEvaluator.class);
    private final PolicyEvaluator delegate;

    public ViewAsPolicyEvaluator(PolicyEvaluator delegate) { this.delegate = delegate; }

    @Override
    public void evaluate(ResourcePermission permission, AuthorizationProvider authz, EvaluationContext ctx, Decision decision,
                         Map<Policy, Map<Object, Decision.Effect>> cache) {
        UserModel target = targetOf(authz, ctx);
        if (target == null) {
            LOG.infof("PROBE plain evaluation identity=%s resource=%s granted=%s", ctx.getIdentity().getId(),
                    name(permission), permission.isGranted());
            delegate.evaluate(permission, authz, ctx, decision, cache);
            return;
        }
        EvaluationContext targetCtx = contextFor(authz, ctx, target);
        Outcome actor = run(authz, copy(permission, permission.isGranted()), ctx);
        Outcome simulated = run(authz, copy(permission, false), targetCtx);
        Outcome shared = ticketsOf(authz, permission, target);
        Outcome sim = simulated.or(shared);
        Outcome both = actor.and(sim);
        LOG.infof("PROBE view-as resource=%s actor(%s)=%s target(%s)=%s tickets=%s -> %s", name(permission),
                ctx.getIdentity().getId(), actor, target.getId(), simulated, shared, both);
        if (!both.granted) {
            return; // nothing emitted: the collector grants nothing for this permission
        }
        if (permission.getResource() == null && both.scopes.isEmpty()) {
            return;
        }
        ResourcePermission replay = new ResourcePermission(permission.getResource(), scopeModels(permission, both.scopes),
                permission.getResourceServer(), permission.getClaims());
        replay.setGranted(true); // DefaultPolicyEvaluator grants a granted permission without running policies
        delegate.evaluate(replay, authz, ctx, decision, cache);
    }

    private static String name(ResourcePermission p) { return p.getResource() == null ? "<scopes>" : p.getResource().getName(); }

    record Outcome(boolean granted, Set<String> scopes) {
        static final Outcome DENY = new Outcome(false, Set.of());
        Outcome and(Outcome o) {
            if (!granted || !o.granted) return DENY;
            Set<String> s = new HashSet<>(scopes); s.retainAll(o.scopes); return new Outcome(true, s);
        }
        Outcome or(Outcome o) {
            if (!o.granted) return this; if (!granted) return o;
            Set<String> s = new HashSet<>(scopes); s.addAll(o.scopes); return new Outcome(true, s);
        }
    }

    private Outcome run(AuthorizationProvider authz, ResourcePermission p, EvaluationContext ctx) {
        DecisionPermissionCollector collector = new DecisionPermissionCollector(authz, p.getResourceServer(), null);
        delegate.evaluate(p, authz, ctx, collector, new HashMap<>());
        Collection<Permission> results = collector.results();
        if (results.isEmpty()) return Outcome.DENY;
        Set<String> scopes = new HashSet<>();
        results.forEach(r -> { if (r.getScopes() != null) scopes.addAll(r.getScopes()); });
        return new Outcome(true, scopes);
    }

    /** The target's own UMA shares of this resource (tickets granted to them), as Keycloak's token service reads them. */
    private Outcome ticketsOf(AuthorizationProvider authz, ResourcePermission p, UserModel target) {
        Resource resource = p.getResource();
        if (resource == null) return Outcome.DENY;
        Map<PermissionTicket.FilterOption, String> filter = new EnumMap<>(PermissionTicket.FilterOption.class);
        filter.put(PermissionTicket.FilterOption.RESOURCE_ID, resource.getId());
        filter.put(PermissionTicket.FilterOption.REQUESTER, target.getId());
        filter.put(PermissionTicket.FilterOption.GRANTED, Boolean.TRUE.toString());
        List<PermissionTicket> tickets = authz.getStoreFactory().getPermissionTicketStore().find(p.getResourceServer(), filter, null, null);
        if (tickets.isEmpty()) return Outcome.DENY;
        Set<String> requested = new HashSet<>();
        p.getScopes().forEach(s -> requested.add(s.getName()));
        Set<String> scopes = new HashSet<>();
        for (PermissionTicket t : tickets) {
            if (t.getScope() != null && (requested.isEmpty() || requested.contains(t.getScope().getName()))) scopes.add(t.getScope().getName());
        }
        return new Outcome(true, scopes);
    }

    private static ResourcePermission copy(ResourcePermission p, boolean granted) {
        ResourcePermission c = new ResourcePermission(p.getResource(), new ArrayList<>(p.getScopes()), p.getResourceServer(), p.getClaims());
        c.setGranted(granted);
        return c;
    }

    private static List<Scope> scopeModels(ResourcePermission p, Set<String> names) {
        List<Scope> out = new ArrayList<>();
        for (Scope s : p.getScopes()) if (names.contains(s.getName())) out.add(s);
        return out;
    }

    private UserModel targetOf(AuthorizationProvider authz, EvaluationContext ctx) {
        if (!(ctx.getIdentity() instanceof KeycloakIdentity ki) || ki.isResourceServer()) return null;
        try {
            Path f = Path.of("/tmp/research/probe-viewas.txt");
            if (!Files.exists(f)) return null;
            String[] parts = Files.readString(f).trim().split("\\s+");
            if (parts.length != 2) return null;
            KeycloakSession session = authz.getKeycloakSession();
            RealmModel realm = authz.getRealm();
            UserModel actor = session.users().getUserById(realm, ki.getId());
            if (actor == null || !actor.getUsername().equals(parts[0])) return null;
            return session.users().getUserByUsername(realm, parts[1]);
        } catch (Exception e) {
            return null;
        }
    }

    /** The target as an Identity: their id, their effective roles and group paths, the actor's other claims (scope, azp...). */
    private EvaluationContext contextFor(AuthorizationProvider authz, EvaluationContext ctx, UserModel target) {
        Map<String, Collection<String>> attrs = new HashMap<>(ctx.getIdentity().getAttributes().toMap());
        attrs.keySet().removeIf(k -> k.startsWith("kc.client.") || k.equals("kc.realm.roles") || k.equals("realm_access")
                || k.equals("resource_access") || k.equals("groups") || k.equals("sub") || k.equals("preferred_username")
                || k.equals("email") || k.equals("name") || k.equals("given_name") || k.equals("family_name") || k.equals("view_as"));
        Set<String> realmRoles = new HashSet<>();
        Map<String, Set<String>> clientRoles = new HashMap<>();
        for (RoleModel r : RoleUtils.getDeepUserRoleMappings(target)) {
            if (r.isClientRole() && r.getContainer() instanceof ClientModel c) clientRoles.computeIfAbsent(c.getClientId(), k -> new HashSet<>()).add(r.getName());
            else realmRoles.add(r.getName());
        }
        attrs.put("kc.realm.roles", realmRoles);
        clientRoles.forEach((c, roles) -> attrs.put("kc.client." + c + ".roles", roles));
        List<String> groups = target.getGroupsStream().map(ModelToRepresentation::buildGroupPath).toList();
        if (!groups.isEmpty()) attrs.put("groups", groups);
        attrs.put("sub", List.of(target.getId()));
        attrs.put("preferred_username", List.of(target.getUsername()));
        Identity identity = new Identity() {
            @Override public String getId() { return target.getId(); }
            @Override public Attributes getAttributes() { return Attributes.from(attrs); }
        };
        return new EvaluationContext() {
            @Override public Identity getIdentity() { return identity; }
            @Override public Attributes getAttributes() { return ctx.getAttributes(); }
        };
    }
}
