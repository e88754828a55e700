#!/usr/bin/env bash
# Starts the unpacked Keycloak distribution with the freshly built Viewgate jar and the demo realm on the embedded
# H2 database (dev-file: data stays under target/ until `mvn clean`). Called by `mvn -Prun`.
set -euo pipefail
home=$1 jar=$2 realms=$3
http_port=${VIEWGATE_HTTP_PORT:-8080}
management_port=${VIEWGATE_MANAGEMENT_PORT:-9000}

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
trap 'kill -TERM "$keycloak" 2>/dev/null; wait "$keycloak"' INT TERM

until curl -fsS "http://localhost:$management_port/health/ready" >/dev/null 2>&1; do
  kill -0 "$keycloak" 2>/dev/null || { wait "$keycloak"; exit $?; }
  sleep 1
done
base="http://localhost:$http_port"
cat <<MSG

  Viewgate is running on Keycloak (Ctrl-C stops it).
    Admin console   $base/admin/  (admin / admin)
    My access page  $base/realms/viewgate-demo/viewgate/  (sign in as ada/ada, bob/bob, nora/nora, ...)
    Ask for access  $base/realms/viewgate-demo/viewgate/access-requests/form
    Decide (ada)    $base/realms/viewgate-demo/viewgate/access-requests/queue
    View as         $base/realms/viewgate-demo/viewgate/view-as/select
    Me (JSON)       $base/realms/viewgate-demo/viewgate/me  (Bearer token of the realm)
    Tiers (JSON)    $base/realms/viewgate-demo/viewgate/tiers

MSG
wait "$keycloak"
