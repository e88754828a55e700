#!/bin/bash
# ask.sh <label> : uma-ticket requests with ada's token, three response modes
KC=http://localhost:28080
ADA_AT=$(curl -s -d grant_type=password -d client_id=rs -d client_secret=rs-secret -d username=ada -d password=pw $KC/realms/probe/protocol/openid-connect/token | jq -r .access_token)
T=$KC/realms/probe/protocol/openid-connect/token
echo "== $1"
echo -n "permissions (all):      "; curl -s -H "Authorization: Bearer $ADA_AT" -d grant_type=urn:ietf:params:oauth:grant-type:uma-ticket -d audience=rs -d response_mode=permissions $T | jq -c '[.[]? | {rsname, scopes}] // .'
for p in ada-doc team-doc bob-doc carol-album; do
  echo -n "decision $p:  "; curl -s -H "Authorization: Bearer $ADA_AT" -d grant_type=urn:ietf:params:oauth:grant-type:uma-ticket -d audience=rs -d permission=$p -d response_mode=decision $T | jq -c .
done
echo -n "RPT permissions claim:  "; RPT=$(curl -s -H "Authorization: Bearer $ADA_AT" -d grant_type=urn:ietf:params:oauth:grant-type:uma-ticket -d audience=rs $T | jq -r .access_token); echo "$RPT" | cut -d. -f2 | tr '_-' '/+' | base64 -d 2>/dev/null | jq -c '[.authorization.permissions[]? | {rsname, scopes}]'
echo -n "RPT introspection:      "; curl -s -u rs:rs-secret -d token=$RPT -d token_type_hint=requesting_party_token $KC/realms/probe/protocol/openid-connect/token/introspect | jq -c '{active, permissions: [.permissions[]? | {rsname:.resource_id, scopes}]}'
