package dev.viewgate.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakServer;
import dev.viewgate.reliability.AckLog.Op;
import dev.viewgate.reliability.AckLog.Outcome;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A bounded client loop of Viewgate writes, run by a few lanes in parallel: each member lane submits, updates and has
 * olga decide its access request; each guest lane shares a view as the demo app and revokes the grant. Every write is
 * logged in the {@link AckLog}; every HTTP call in {@link #calls()}. A lane whose node stops answering fails over to
 * the next node (a load balancer's job) and re-reads its state there.
 */
final class Workload implements AutoCloseable {

    /** One HTTP call: node index, when it started (ms since the workload started), status (-1: no answer), latency, JSON body. */
    record Call(int node, long atMillis, int status, long latencyMicros, boolean jsonBody) {
    }

    private static final int MAX_OPS_PER_LANE = 100_000;
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofMillis(100);

    private final AckLog log;
    private final List<Http> nodes;
    private final String view;
    private final String run;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ExecutorService pool;
    private final List<Future<?>> lanes = new ArrayList<>();
    private final List<Call> calls = new ArrayList<>();
    private final long startNanos = System.nanoTime();

    /**
     * Starts one lane per member and {@code guestLanes} sharing lanes, spread over the nodes; {@code run} is part of
     * every message and label, which must be unique across the runs that share a database.
     */
    Workload(AckLog log, List<? extends KeycloakServer> servers, String run, List<String> members, String view, int guestLanes) {
        this.log = log;
        this.run = run;
        this.nodes = servers.stream().map(Http::new).toList();
        this.view = view;
        this.pool = Executors.newFixedThreadPool(members.size() + guestLanes);
        int lane = 0;
        for (String member : members) {
            lanes.add(pool.submit(new MemberLane(member, lane++ % nodes.size())));
        }
        for (int i = 0; i < guestLanes; i++) {
            lanes.add(pool.submit(new GuestLane("guest-" + i, lane++ % nodes.size())));
        }
    }

    /** Creates the lanes' members (no role) and the demo app's view their guests are given, on a fresh database. */
    static void arrange(KeycloakServer server, List<String> members, String view) {
        Http http = new Http(server);
        Admin admin = new Admin(server, http);
        for (String member : members) {
            admin.createUser(ReliabilityNodes.REALM, member, "Lane", member);
        }
        Admin.expect(http.putJson(server.viewgateUrl() + "/views/demo-app/" + view, http.demoAppToken(),
                Map.of("name", "Reliability")), 201);
    }

    /** Ends every lane after its current call and waits for them. */
    @Override
    public void close() {
        stopping.set(true);
        pool.shutdown();
        try {
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                throw new IllegalStateException("lanes did not end within 60 s");
            }
            for (Future<?> lane : lanes) {
                lane.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a lane failed", e.getCause());
        }
    }

    long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The connection was refused: the request never reached a server, so nothing can have been applied. */
    private static final class NotSent extends Exception {
    }

    /** Sent, but no answer came back (connection reset, timeout): the server may or may not have applied it. */
    private static final class Lost extends Exception {
    }

    private Http.Result call(int node, Function<Http, Http.Result> request) throws NotSent, Lost {
        long start = System.nanoTime();
        long at = TimeUnit.NANOSECONDS.toMillis(start - startNanos);
        try {
            Http.Result result = request.apply(nodes.get(node));
            record(new Call(node, at, result.status(), micros(start), isJson(result.body())));
            return result;
        } catch (UncheckedIOException e) {
            record(new Call(node, at, -1, micros(start), false));
            if (e.getCause() instanceof ConnectException) {
                throw new NotSent();
            }
            throw new Lost();
        }
    }

    private synchronized void record(Call call) {
        calls.add(call);
    }

    private static long micros(long startNanos) {
        return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos);
    }

    private static boolean isJson(String body) {
        String trimmed = body == null ? "" : body.strip();
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            return false;
        }
        try {
            Http.JSON.readTree(trimmed);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** A lane's loop: one write per step; after a failure it pauses, moves to the next node and re-reads its state. */
    private abstract class Lane implements Runnable {
        final String name;
        int node;
        int step;
        /** A lane starts by reading its state: an earlier run may have left a request open. */
        boolean resync = true;
        /** The id the last acknowledged write answered with or acted on. */
        String lastId;

        Lane(String name, int node) {
            this.name = name;
            this.node = node;
        }

        @Override
        public void run() {
            while (!stopping.get() && step < MAX_OPS_PER_LANE) {
                step++;
                try {
                    if (resync) {
                        resync();
                        resync = false;
                    }
                    step();
                } catch (NotSent | Lost | TokenUnavailable e) {
                    failedOver();
                }
            }
        }

        abstract void step() throws NotSent, Lost, TokenUnavailable;

        abstract void resync() throws NotSent, Lost, TokenUnavailable;

        /** A write's answer: acknowledged, refused (4xx: nothing applied; the lane re-reads its state) or in doubt. */
        boolean write(Op op, String entity, String value, String token, Function<Http, Http.Result> request)
                throws NotSent, TokenUnavailable {
            long start = System.nanoTime();
            Http.Result result;
            try {
                result = call(node, request);
            } catch (Lost e) {
                log.add(new AckLog.Write(name, op, entity, value, Outcome.IN_DOUBT, nodeName(), micros(start)));
                failedOver();
                return false;
            }
            if (result.status() / 100 == 2) {
                String id = entity != null ? entity : result.json().get("id").asText();
                // the server tells whether a submission created a request (201) or updated the open one (200)
                Op applied = op == Op.SUBMIT && result.status() == 200 ? Op.UPDATE : op;
                log.add(new AckLog.Write(name, applied, id, value, Outcome.ACKED, nodeName(), micros(start)));
                lastId = id;
                return true;
            }
            if (result.status() >= 500) {
                log.add(new AckLog.Write(name, op, entity, value, Outcome.IN_DOUBT, nodeName(), micros(start)));
                failedOver();
            } else if (result.status() == 401) {
                forget(token);
            } else {
                resync = true;
            }
            return false;
        }

        void failedOver() {
            resync = true;
            node = (node + 1) % nodes.size();
            pause();
        }

        String nodeName() {
            return Character.toString('A' + node);
        }

        /** Drops a token the server refused (expired, or its session gone), so the next step fetches a new one. */
        abstract void forget(String refused);
    }

    /** No token could be had (the node is down or the database is): nothing was written. */
    private static final class TokenUnavailable extends Exception {
    }

    private String olgaToken;

    /**
     * The decider's token, shared by the lanes as one administrator's would be: fetched again only when a lane found it
     * refused. Keycloak's blocking brute-force protector refuses concurrent logins of one user ("Invalid user credentials").
     */
    private synchronized String olga(Http http) throws TokenUnavailable {
        if (olgaToken == null) {
            olgaToken = token(http, h -> h.memberToken("olga"));
        }
        return olgaToken;
    }

    private synchronized void forgetOlga(String refused) {
        if (refused != null && refused.equals(olgaToken)) {
            olgaToken = null;
        }
    }

    private String token(Http http, Function<Http, String> grant) throws TokenUnavailable {
        try {
            return grant.apply(http);
        } catch (RuntimeException | AssertionError e) {
            throw new TokenUnavailable();
        }
    }

    private final class MemberLane extends Lane {
        private final String member;
        private String memberToken;
        private String deciderToken;
        private String open;
        private boolean updated;

        MemberLane(String member, int node) {
            super(member, node);
            this.member = member;
        }

        @Override
        void step() throws NotSent, TokenUnavailable {
            String message = name + "-" + run + "-" + step;
            String requests = "/access-requests";
            if (open == null || !updated) {
                String token = memberToken();
                Op op = open == null ? Op.SUBMIT : Op.UPDATE;
                if (write(op, open, message, token, http -> http.postJson(http.server().viewgateUrl() + requests, token,
                        Map.of("message", message)))) {
                    open = lastId;
                    updated = op == Op.UPDATE;
                }
                return;
            }
            String decider = deciderToken();
            String decision = path(open) + (step % 3 == 0 ? "/grant" : "/decline");
            String role = step % 2 == 0 ? "viewer" : "explorer";
            Op op = step % 3 == 0 ? Op.GRANT : Op.DECLINE;
            if (write(op, open, op == Op.GRANT ? role : "declined", decider, http -> http.postJson(http.server().viewgateUrl()
                    + decision, decider, op == Op.GRANT ? Map.of("role", role) : Map.of()))) {
                open = null;
            }
        }

        private String path(String request) {
            return "/access-requests/" + request;
        }

        @Override
        void resync() throws NotSent, Lost, TokenUnavailable {
            String token = memberToken();
            Http.Result mine = call(node, http -> http.get(http.server().viewgateUrl() + "/access-requests/mine", token));
            if (mine.status() == 401) {
                forget(token);
                throw new NotSent();
            }
            if (mine.status() != 200) {
                throw new NotSent();
            }
            JsonNode pending = mine.json().get("pending");
            open = pending == null || pending.isNull() ? null : pending.get("id").asText();
            updated = open != null;
        }

        private String memberToken() throws TokenUnavailable {
            if (memberToken == null) {
                memberToken = token(nodes.get(node), http -> http.memberToken(member));
            }
            return memberToken;
        }

        private String deciderToken() throws TokenUnavailable {
            if (deciderToken == null) {
                deciderToken = olga(nodes.get(node));
            }
            return deciderToken;
        }

        @Override
        void forget(String refused) {
            if (refused.equals(memberToken)) {
                memberToken = null;
            }
            if (refused.equals(deciderToken)) {
                forgetOlga(refused);
                deciderToken = null;
            }
        }
    }

    private final class GuestLane extends Lane {
        private String appToken;
        private String grant;

        GuestLane(String name, int node) {
            super(name, node);
        }

        @Override
        void step() throws NotSent, TokenUnavailable {
            String guests = "/views/demo-app/" + view + "/guests";
            String token = appToken();
            if (grant == null) {
                String label = name + "-" + run + "-" + step;
                if (write(Op.SHARE, null, label, token, http -> http.postJson(http.server().viewgateUrl() + guests, token,
                        Map.of("permissions", List.of("read"), "label", label)))) {
                    grant = lastId;
                }
            } else {
                String revoked = guests + "/" + grant;
                if (write(Op.REVOKE, grant, "revoked", token, http -> http.delete(http.server().viewgateUrl() + revoked, token))) {
                    grant = null;
                }
            }
        }

        /** After an in-doubt share or revoke the lane starts a new grant; the checks accept either outcome of the old one. */
        @Override
        void resync() {
            grant = null;
        }

        private String appToken() throws TokenUnavailable {
            if (appToken == null) {
                appToken = token(nodes.get(node), Http::demoAppToken);
            }
            return appToken;
        }

        @Override
        void forget(String refused) {
            if (refused.equals(appToken)) {
                appToken = null;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_FAILURE.toMillis()); // pacing of a client loop after a failure, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
