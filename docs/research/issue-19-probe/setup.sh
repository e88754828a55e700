#!/bin/bash
# Throwaway probe realm on the local throwaway Keycloak (port 28080).
set -e
KC=http://localhost:28080
TOK=$(curl -s -d grant_type=password -d client_id=admin-cli -d username=admin -d password=admin $KC/realms/master/protocol/openid-connect/token | jq -r .access_token)
A="Authorization: Bearer $TOK"
J="Content-Type: application/json"
curl -s -o /dev/null -w "realm %{http_code}\n" -H "$A" -H "$J" -X POST $KC/admin/realms -d '{"realm":"probe","enabled":true}'
curl -s -o /dev/null -w "role %{http_code}\n" -H "$A" -H "$J" -X POST $KC/admin/realms/probe/roles -d '{"name":"reader"}'
for u in ada bob carol; do
  curl -s -o /dev/null -w "user $u %{http_code}\n" -H "$A" -H "$J" -X POST $KC/admin/realms/probe/users -d "{\"username\":\"$u\",\"enabled\":true,\"email\":\"$u@example.org\",\"firstName\":\"$u\",\"lastName\":\"X\",\"credentials\":[{\"type\":\"password\",\"value\":\"pw\",\"temporary\":false}]}"
done
uid() { curl -s -H "$A" "$KC/admin/realms/probe/users?username=$1&exact=true" | jq -r '.[0].id'; }
ADA=$(uid ada); BOB=$(uid bob); CAROL=$(uid carol)
READER=$(curl -s -H "$A" $KC/admin/realms/probe/roles/reader)
for u in $ADA $BOB; do curl -s -o /dev/null -w "map reader %{http_code}\n" -H "$A" -H "$J" -X POST $KC/admin/realms/probe/users/$u/role-mappings/realm -d "[$READER]"; done
curl -s -o /dev/null -w "client %{http_code}\n" -H "$A" -H "$J" -X POST $KC/admin/realms/probe/clients -d '{"clientId":"rs","secret":"rs-secret","publicClient":false,"serviceAccountsEnabled":true,"authorizationServicesEnabled":true,"directAccessGrantsEnabled":true,"standardFlowEnabled":false}'
RS=$(curl -s -H "$A" "$KC/admin/realms/probe/clients?clientId=rs" | jq -r '.[0].id')
Z=$KC/admin/realms/probe/clients/$RS/authz/resource-server
curl -s -o /dev/null -w "scope %{http_code}\n" -H "$A" -H "$J" -X POST $Z/scope -d '{"name":"read"}'
curl -s -o /dev/null -w "scope %{http_code}\n" -H "$A" -H "$J" -X POST $Z/scope -d '{"name":"write"}'
mkres() { curl -s -H "$A" -H "$J" -X POST $Z/resource -d "$1" | jq -r ._id; }
R_ADA=$(mkres '{"name":"ada-doc","scopes":[{"name":"read"},{"name":"write"}]}')
R_SHARED=$(mkres '{"name":"team-doc","scopes":[{"name":"read"},{"name":"write"}]}')
R_BOB=$(mkres '{"name":"bob-doc","scopes":[{"name":"read"}]}')
R_CAROL=$(mkres "{\"name\":\"carol-album\",\"owner\":\"$CAROL\",\"ownerManagedAccess\":true,\"scopes\":[{\"name\":\"read\"},{\"name\":\"write\"}]}")
echo "resources $R_ADA $R_SHARED $R_BOB $R_CAROL"
mkpol() { curl -s -H "$A" -H "$J" -X POST $Z/policy/$1 -d "$2" | jq -r .id; }
P_ADA=$(mkpol user "{\"name\":\"is-ada\",\"users\":[\"$ADA\"]}")
P_BOB=$(mkpol user "{\"name\":\"is-bob\",\"users\":[\"$BOB\"]}")
P_READER=$(mkpol role "{\"name\":\"has-reader\",\"roles\":[{\"id\":\"$(echo $READER | jq -r .id)\"}]}")
mkpol resource "{\"name\":\"ada-doc-perm\",\"resources\":[\"$R_ADA\"],\"policies\":[\"$P_ADA\"]}" >/dev/null
mkpol resource "{\"name\":\"bob-doc-perm\",\"resources\":[\"$R_BOB\"],\"policies\":[\"$P_BOB\"]}" >/dev/null
mkpol scope "{\"name\":\"team-read\",\"resources\":[\"$R_SHARED\"],\"scopes\":[\"read\"],\"policies\":[\"$P_READER\"]}" >/dev/null
mkpol scope "{\"name\":\"team-write-ada\",\"resources\":[\"$R_SHARED\"],\"scopes\":[\"write\"],\"policies\":[\"$P_ADA\"]}" >/dev/null
# UMA share: carol shares carol-album#read with ada through a granted permission ticket (protection API, PAT of rs)
PAT=$(curl -s -d grant_type=client_credentials -d client_id=rs -d client_secret=rs-secret $KC/realms/probe/protocol/openid-connect/token | jq -r .access_token)
curl -s -o /dev/null -w "ticket %{http_code}\n" -H "Authorization: Bearer $PAT" -H "$J" -X POST $KC/realms/probe/authz/protection/permission/ticket -d "{\"resource\":\"$R_CAROL\",\"requester\":\"$ADA\",\"scopeName\":\"read\",\"granted\":true}"
echo "ADA=$ADA BOB=$BOB CAROL=$CAROL R_ADA=$R_ADA R_SHARED=$R_SHARED R_BOB=$R_BOB R_CAROL=$R_CAROL" > /tmp/research/probe/ids.env
