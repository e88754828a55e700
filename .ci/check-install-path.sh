#!/usr/bin/env bash
# The README's "Installing into an existing Keycloak", done as an identity admin does it: a fresh Keycloak
# distribution, the built jar in providers/, kc.sh build, kc.sh start, a new empty realm made with kcadm.sh, setup
# through kcadm.sh, a tier ladder given with kcadm.sh; then a member's token carries `tier` and /viewgate/me answers.
# Then the upgrade path: a realm whose viewgate scope lacks the newest mapper, setup again lists it under `created`,
# and a further run creates nothing. Needs the jar of `mvn package` in target/.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<keycloak.server.version>\(.*\)</keycloak.server.version>.*:\1:p' pom.xml | head -1)
jar=$(ls target/viewgate-*.jar | grep -v -e sources -e javadoc | head -1)
zip=$(find ~/.m2/repository/org/keycloak/keycloak-quarkus-dist/"$version" -name "keycloak-quarkus-dist-$version.zip" | head -1)
[ -f "$jar" ] && [ -f "$zip" ] || { echo "Needs target/viewgate-*.jar and the $version distribution (mvn package)"; exit 1; }
work=$(mktemp -d)
home="$work/keycloak-$version"
port=18080 management=19000 server=
cleanup() { [ -n "$server" ] && kill -TERM "$server" 2>/dev/null && wait "$server" || true; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAILED: $*"; echo "--- Keycloak's log"; tail -40 "$work/keycloak.log"; exit 1; }

unzip -q "$zip" -d "$work"
cp "$jar" "$home/providers/"
"$home/bin/kc.sh" build --health-enabled=true >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
echo "kc.sh build with $(basename "$jar"): done"
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin "$home/bin/kc.sh" start --optimized \
  --http-enabled=true --hostname-strict=false --http-host=127.0.0.1 --http-port=$port \
  --http-management-port=$management >"$work/keycloak.log" 2>&1 &
server=$!
started=$(date +%s)
until curl -fsS -o /dev/null "http://127.0.0.1:$management/health/ready" 2>/dev/null; do
  kill -0 "$server" 2>/dev/null || fail "kc.sh start ended"
  [ $(( $(date +%s) - started )) -lt 300 ] || fail "not ready within 300 s"
  sleep 1
done
echo "kc.sh start --optimized: ready after $(( $(date +%s) - started )) s"

kcadm() { "$home/bin/kcadm.sh" "$@" --config "$work/kcadm.config"; }
kcadm config credentials --server "http://127.0.0.1:$port" --realm master --user admin --password admin
kcadm create realms -s realm=acme -s enabled=true
setup=$(kcadm create realms/acme/viewgate/setup -o)
echo "setup of the new realm: $(jq -c . <<<"$setup")"
jq -e '.created | length >= 3' <<<"$setup" >/dev/null || fail "setup created too little"
jq -e '.created | index("client viewgate-console")' <<<"$setup" >/dev/null || fail "setup made no console client: $setup"

kcadm create roles -r acme -s name=reader -s description=Reader -s 'attributes={"viewgate.tier":["1"]}'
kcadm create roles -r acme -s name=curator -s description=Curator -s 'attributes={"viewgate.tier":["2"]}'
kcadm create users -r acme -s username=alice -s enabled=true -s email=alice@acme.test -s emailVerified=true \
  -s firstName=Alice -s lastName=Archer
kcadm set-password -r acme --username alice --new-password alice-secret
kcadm add-roles -r acme --uusername alice --rolename curator
kcadm create clients -r acme -s clientId=acme-app -s secret=acme-app-secret -s publicClient=false \
  -s directAccessGrantsEnabled=true -s standardFlowEnabled=false

token=$(curl -fsS -d grant_type=password -d client_id=acme-app -d client_secret=acme-app-secret \
  -d username=alice -d password=alice-secret "http://127.0.0.1:$port/realms/acme/protocol/openid-connect/token" \
  | jq -r .access_token)
payload=$(cut -d. -f2 <<<"$token" | tr '_-' '/+')
while [ $(( ${#payload} % 4 )) -ne 0 ]; do payload="$payload="; done
claims=$(base64 -d <<<"$payload")
[ "$(jq -r .tier <<<"$claims")" = 2 ] || fail "alice's token has no tier 2: $claims"
echo "alice's access token: tier $(jq -r .tier <<<"$claims")"
me=$(curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$port/realms/acme/viewgate/me")
echo "GET /realms/acme/viewgate/me: $me"
jq -e '.username == "alice" and .tier == 2 and .tierRole == "curator"' <<<"$me" >/dev/null || fail "/me: $me"

# Upgrade: the realm as a Viewgate version without guest access left it (no guest view mapper on the scope).
scope=$(kcadm get client-scopes -r acme | jq -r '.[] | select(.name == "viewgate") | .id')
mapper=$(kcadm get "client-scopes/$scope/protocol-mappers/models" -r acme \
  | jq -r '.[] | select(.protocolMapper == "oidc-viewgate-guest-view-mapper") | .id')
[ -n "$mapper" ] || fail "no guest view mapper on the viewgate scope"
kcadm delete "client-scopes/$scope/protocol-mappers/models/$mapper" -r acme
again=$(kcadm create realms/acme/viewgate/setup -o)
echo "setup after the mapper was removed: $(jq -c . <<<"$again")"
jq -e '.created == ["guest view mapper on client scope viewgate"]' <<<"$again" >/dev/null || fail "upgrade: $again"
third=$(kcadm create realms/acme/viewgate/setup -o)
echo "setup once more: $(jq -c . <<<"$third")"
jq -e '.created == []' <<<"$third" >/dev/null || fail "a second run changed something: $third"
echo "The install path holds: build, start, a new realm, setup, a ladder, a token with tier, /me, upgrade"
