#!/usr/bin/env bash
# Starts the unpacked Keycloak distribution with the freshly built Viewgate jar and the demo realm on the embedded
# H2 database (dev-file: data stays under target/ until `mvn clean`), then the demo app on port 8081.
# Called by `mvn -Prun`.
set -euo pipefail
home=$1 jar=$2 realms=$3 demo_jar=$4
http_port=${VIEWGATE_HTTP_PORT:-8080}
management_port=${VIEWGATE_MANAGEMENT_PORT:-9000}
demo_port=8081 # the demo realm's demo-app client allows redirects to http://localhost:8081/* only

[ -x "$home/bin/kc.sh" ] || { echo "No Keycloak distribution in $home: the build unpacks it before this script runs"; exit 1; }
mkdir -p "$home/providers" "$home/data/import"
# Keycloak re-augments (about 30 s) whenever a provider's modification time changes: copy only changed bytes.
cmp -s "$jar" "$home/providers/viewgate.jar" || cp "$jar" "$home/providers/viewgate.jar"
for realm in "$realms"/*.json; do
  cmp -s "$realm" "$home/data/import/$(basename "$realm")" || cp "$realm" "$home/data/import/"
done

export KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}
export KC_BOOTSTRAP_ADMIN_PASSWORD=${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}
"$home/bin/kc.sh" start-dev --db=dev-file --http-port="$http_port" --http-management-port="$management_port" \
  --health-enabled=true --import-realm &
keycloak=$!
demo=
trap 'kill -TERM $demo "$keycloak" 2>/dev/null; wait' INT TERM

until curl -fsS "http://localhost:$management_port/health/ready" >/dev/null 2>&1; do
  kill -0 "$keycloak" 2>/dev/null || { wait "$keycloak"; exit $?; }
  sleep 1
done
base="http://localhost:$http_port"
# A realm kept from an earlier run may miss what this Viewgate version adds; setup adds only what is missing.
token=$(curl -fsS -d grant_type=password -d client_id=admin-cli -d "username=$KC_BOOTSTRAP_ADMIN_USERNAME" \
  -d "password=$KC_BOOTSTRAP_ADMIN_PASSWORD" "$base/realms/master/protocol/openid-connect/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
curl -fsS -X POST -H "Authorization: Bearer $token" "$base/admin/realms/viewgate-demo/viewgate/setup" >/dev/null
# Master too: its client viewgate-console is how Keycloak's own administrators sign in to the Viewgate console.
curl -fsS -X POST -H "Authorization: Bearer $token" "$base/admin/realms/master/viewgate/setup" >/dev/null

java -Dviewgate.keycloak.url="$base" -Dviewgate.app.port="$demo_port" -jar "$demo_jar" &
demo=$!
until curl -fsS -o /dev/null "http://localhost:$demo_port/"; do
  kill -0 "$demo" 2>/dev/null || { echo "The demo app did not start"; kill -TERM "$keycloak"; wait; exit 1; }
  sleep 1
done
cat <<MSG

  Acme Analytics, the demo app, on http://localhost:$demo_port/  (sign in as bob/bob to share "Client Report",
    ada/ada to view as Explorer, eric/eric to ask for Builder; vera T1, eric T2, anna T3, bob T4, mia T5,
    arch T6, ada T7, olga T8, nora no tier; the password is the username)

  Viewgate is running on Keycloak (Ctrl-C stops both).
    Admin console   $base/admin/  (admin / admin)
    Viewgate console $base/realms/master/viewgate/console/  (admin / admin; also a Home URL under Clients)
    My access page  $base/realms/viewgate-demo/viewgate/  (sign in as ada/ada, bob/bob, nora/nora, ...)
    Ask for access  $base/realms/viewgate-demo/viewgate/access-requests/form
    Decide (ada)    $base/realms/viewgate-demo/viewgate/access-requests/queue
    View as         $base/realms/viewgate-demo/viewgate/view-as/select
    Me (JSON)       $base/realms/viewgate-demo/viewgate/me  (Bearer token of the realm)
    Tiers (JSON)    $base/realms/viewgate-demo/viewgate/tiers

MSG
wait "$keycloak"
kill -TERM "$demo" 2>/dev/null || true
