#!/bin/bash
# Prints an access token for a new, verified user of a dev-mode Portcullis (mail in the dev
# mailbox), to try the recipes in this folder: ACCESS_TOKEN=$(examples/dev-token.sh)
# Needs curl. PORTCULLIS_ISSUER defaults to http://127.0.0.1:8080.
set -euo pipefail
B=${PORTCULLIS_ISSUER:-http://127.0.0.1:8080}
J='Content-Type: application/json'
E="recipe-$RANDOM$RANDOM@example.com"; P='correct horse battery staple 42'
curl -sf -o /dev/null -H "$J" -d "{\"email\":\"$E\",\"password\":\"$P\"}" "$B/api/v1/auth/register"
T=""
for _ in $(seq 1 30); do
  for m in $(curl -sf "$B/dev/mailbox" | grep -o 'href="/dev/mailbox/[0-9]*"' | grep -o '[0-9]*'); do
    MSG=$(curl -sf "$B/dev/mailbox/$m")
    if echo "$MSG" | grep -q "$E"; then
      T=$(echo "$MSG" | grep -o 'verify-email?token=[A-Za-z0-9_-]*' | head -1 | cut -d= -f2)
    fi
  done
  [ -n "$T" ] && break
  sleep 1
done
[ -n "$T" ] || { echo "no verification mail for $E in $B/dev/mailbox" >&2; exit 1; }
curl -sf -o /dev/null -H "$J" -d "{\"token\":\"$T\"}" "$B/api/v1/auth/verify-email"
curl -sf -H "$J" -d "{\"email\":\"$E\",\"password\":\"$P\"}" "$B/api/v1/auth/login" \
  | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
