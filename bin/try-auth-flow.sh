#!/bin/bash
# Issue 3 done-when, with curl alone, against a dev-mode Portcullis on 127.0.0.1:8080.
set -u
B=http://127.0.0.1:8080
J='Content-Type: application/json'
E="ada-$RANDOM@example.com"; P='correct horse battery staple 42'
echo "## register $E"; curl -s -w ' %{http_code}\n' -H "$J" -d "{\"email\":\"$E\",\"password\":\"$P\"}" $B/api/v1/auth/register
sleep 3
echo "## the link from the dev mailbox"; T=""
for m in $(curl -s $B/dev/mailbox | grep -o 'href="/dev/mailbox/[0-9]*"' | grep -o '[0-9]*'); do
  MSG=$(curl -s $B/dev/mailbox/$m)
  if echo "$MSG" | grep -q "$E"; then T=$(echo "$MSG" | grep -o 'verify-email?token=[A-Za-z0-9_-]*' | head -1 | cut -d= -f2); fi
done
echo "token ${T:0:6}…"
echo "## verify"; curl -s -o /dev/null -w '%{http_code}\n' -H "$J" -d "{\"token\":\"$T\"}" $B/api/v1/auth/verify-email
echo "## login"; L=$(curl -s -H "$J" -d "{\"email\":\"$E\",\"password\":\"$P\"}" $B/api/v1/auth/login); echo "$L" | sed 's/"access_token":"[^"]*"/"access_token":"…"/; s/"refresh_token":"[^"]*"/"refresh_token":"…"/'
A=$(echo "$L" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'); R1=$(echo "$L" | sed 's/.*"refresh_token":"\([^"]*\)".*/\1/')
echo "## GET /me"; curl -s -w ' %{http_code}\n' -H "Authorization: Bearer $A" $B/api/v1/me
echo "## refresh"; L2=$(curl -s -H "$J" -d "{\"refresh_token\":\"$R1\"}" $B/api/v1/auth/refresh); R2=$(echo "$L2" | sed 's/.*"refresh_token":"\([^"]*\)".*/\1/'); [ "$R1" != "$R2" ] && echo "new refresh token: yes"
echo "## (waiting 11 s: past the 10 s reuse grace)"; sleep 11
echo "## old refresh token again"; curl -s -w ' %{http_code}\n' -H "$J" -d "{\"refresh_token\":\"$R1\"}" $B/api/v1/auth/refresh
echo "## the new one"; curl -s -w ' %{http_code}\n' -H "$J" -d "{\"refresh_token\":\"$R2\"}" $B/api/v1/auth/refresh
echo "## login again"; L3=$(curl -s -H "$J" -d "{\"email\":\"$E\",\"password\":\"$P\"}" $B/api/v1/auth/login); A3=$(echo "$L3" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
echo "## logout"; curl -s -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: Bearer $A3" $B/api/v1/auth/logout
echo "## GET /me with that access token"; curl -s -w ' %{http_code}\n' -H "Authorization: Bearer $A3" $B/api/v1/me
