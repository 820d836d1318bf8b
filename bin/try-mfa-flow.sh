#!/bin/bash
# Issue 5 by hand: sign up, enrol TOTP, sign in with a second factor — against a dev-mode Portcullis
# on 127.0.0.1:8080. Codes come from oathtool (Debian package oathtool), an implementation
# independent of Portcullis, as a phone authenticator app would compute them.
set -u
B=${1:-http://127.0.0.1:8080}
J='Content-Type: application/json'
E="mfa-$RANDOM@example.com"; P='correct horse battery staple 42'
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
echo "## register $E"; curl -s -o /dev/null -w '%{http_code}\n' -H "$J" -d "{\"email\":\"$E\",\"password\":\"$P\"}" $B/api/v1/auth/register
sleep 3; T=""
for m in $(curl -s $B/dev/mailbox | grep -o 'href="/dev/mailbox/[0-9]*"' | grep -o '[0-9]*'); do
  MSG=$(curl -s $B/dev/mailbox/$m)
  if echo "$MSG" | grep -q "$E"; then T=$(echo "$MSG" | grep -o 'verify-email?token=[A-Za-z0-9_-]*' | head -1 | cut -d= -f2); fi
done
echo "## verify"; curl -s -o /dev/null -w '%{http_code}\n' -H "$J" -d "{\"token\":\"$T\"}" $B/api/v1/auth/verify-email
A=$(curl -s -H "$J" -d "{\"email\":\"$E\",\"password\":\"$P\"}" $B/api/v1/auth/login | field access_token)
echo "## enrol TOTP"; EN=$(curl -s -X POST -H "Authorization: Bearer $A" $B/api/v1/me/mfa/totp)
SECRET=$(echo "$EN" | field secret); echo "otpauth URI: $(echo "$EN" | field otpauth_uri | sed 's/secret=[A-Z2-7]*/secret=…/')"
echo "QR: $(echo "$EN" | field qr_png_data_uri | cut -c1-40)…"
echo "## confirm with oathtool's code"; CONF=$(curl -s -w ' %{http_code}' -H "$J" -H "Authorization: Bearer $A" \
  -d "{\"code\":\"$(oathtool --totp -b "$SECRET")\"}" $B/api/v1/me/mfa/totp/confirm)
echo "$CONF" | sed 's/"recovery_codes":\[[^]]*\]/"recovery_codes":[…10 codes…]/'
echo "## sign in again: a challenge, no tokens"; CH=$(curl -s -H "$J" -d "{\"email\":\"$E\",\"password\":\"$P\"}" $B/api/v1/auth/login)
echo "$CH" | sed 's/"mfa_token":"[^"]*"/"mfa_token":"…"/'
MT=$(echo "$CH" | field mfa_token)
echo "## wrong code"; curl -s -w ' %{http_code}\n' -H "$J" -d "{\"mfa_token\":\"$MT\",\"code\":\"000000\"}" $B/api/v1/auth/mfa
echo "## (waiting for the next 30 s step: the confirming code was that step's, and a code works once)"
sleep $(( 31 - $(date +%s) % 30 ))
echo "## oathtool's code"; curl -s -H "$J" -d "{\"mfa_token\":\"$MT\",\"code\":\"$(oathtool --totp -b "$SECRET")\"}" $B/api/v1/auth/mfa \
  | sed 's/"access_token":"[^"]*"/"access_token":"…"/; s/"refresh_token":"[^"]*"/"refresh_token":"…"/'; echo
