#!/bin/bash
# Issue 7 by hand, against a dev-mode Portcullis on 127.0.0.1:8080 whose first admin was made with
#   java -jar target/portcullis.jar admin create-admin --email ops@example.com
# (ADMIN_EMAIL / ADMIN_PASSWORD below). The admin enrols TOTP (codes from oathtool, Debian package
# oathtool), signs in with it, makes API keys, lists users with one, is refused by a key without the
# scope, and introspects a token (RFC 7662) with another.
set -u
B=${1:-http://127.0.0.1:8080}
AE=${ADMIN_EMAIL:-ops@example.com}; AP=${ADMIN_PASSWORD:-correct horse battery staple 42}
J='Content-Type: application/json'
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
LOGIN="{\"email\":\"$AE\",\"password\":\"$AP\"}"
echo "## the admin signs in without MFA: an enrolment-only token (MFA-6)"
A=$(curl -s -H "$J" -d "$LOGIN" $B/api/v1/auth/login | field access_token)
curl -s -o /dev/null -w 'GET /api/v1/admin/users with it: %{http_code}\n' -H "Authorization: Bearer $A" $B/api/v1/admin/users
echo "## enrol TOTP with oathtool's code"
S=$(curl -s -X POST -H "Authorization: Bearer $A" $B/api/v1/me/mfa/totp | field secret)
curl -s -o /dev/null -w 'confirm: %{http_code}\n' -H "$J" -H "Authorization: Bearer $A" \
  -d "{\"code\":\"$(oathtool --totp -b "$S")\"}" $B/api/v1/me/mfa/totp/confirm
echo "## sign in with password and the next code"
MT=$(curl -s -H "$J" -d "$LOGIN" $B/api/v1/auth/login | field mfa_token)
ADMIN=$(curl -s -H "$J" -d "{\"mfa_token\":\"$MT\",\"code\":\"$(oathtool --totp -b -N 'now + 30 seconds' "$S")\"}" \
  $B/api/v1/auth/mfa | field access_token)
echo "## API keys (shown once)"
USERS_KEY=$(curl -s -H "$J" -H "Authorization: Bearer $ADMIN" -d '{"name":"ops script","scopes":["users:read"]}' \
  $B/api/v1/me/api-keys | field key)
INTRO_KEY=$(curl -s -H "$J" -H "Authorization: Bearer $ADMIN" \
  -d '{"name":"resource server","scopes":["tokens:introspect"]}' $B/api/v1/me/api-keys | field key)
echo "users:read key ${USERS_KEY:0:19}…, tokens:introspect key ${INTRO_KEY:0:19}…"
curl -s -H "Authorization: Bearer $ADMIN" $B/api/v1/me/api-keys | sed 's/"key":"[^"]*"/"key":"…"/g'; echo
echo "## list users with the users:read key"
curl -s -w '  %{http_code}\n' -H "X-API-Key: $USERS_KEY" "$B/api/v1/admin/users?q=example"
echo "## the same key on a users:write route: 403 insufficient_scope"
ID=$(curl -s -H "X-API-Key: $USERS_KEY" "$B/api/v1/admin/users?q=$AE" | field id)
curl -s -w '  %{http_code}\n' -X POST -H "X-API-Key: $USERS_KEY" $B/api/v1/admin/users/$ID/unlock
echo "## introspect the admin's token, then after logout"
curl -s -w '  %{http_code}\n' -H "X-API-Key: $INTRO_KEY" --data-urlencode "token=$ADMIN" $B/api/v1/auth/introspect
curl -s -o /dev/null -w 'logout: %{http_code}\n' -X POST -H "Authorization: Bearer $ADMIN" $B/api/v1/auth/logout
curl -s -w '  %{http_code}\n' -H "X-API-Key: $INTRO_KEY" --data-urlencode "token=$ADMIN" $B/api/v1/auth/introspect
