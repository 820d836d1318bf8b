#!/usr/bin/env bash
# The benchmark suite (TST-5): one command builds the jar, starts Portcullis in prod mode on the
# local PostgreSQL with a fixed heap, seeds users, runs each scenario with wrk at each concurrency
# after a warm-up, and writes bench/results/<stamp>.md and .json. Everything on loopback.
#
#   bench/run.sh                       # defaults below
#   BENCH_HASH=keycloak bench/run.sh   # Keycloak's Argon2id parameters (t=5, m=7168 KiB, p=1)
#
# Settings (environment): BENCH_USERS (100000), BENCH_DURATION (20s), BENCH_JIT_WARMUP (30s: one pass over every
# scenario at c=16 before any measurement), BENCH_WARMUP (5s, before each measured run),
# BENCH_CONCURRENCY ("16 64"), BENCH_SCENARIOS ("login refresh me introspect jwks"), BENCH_HEAP (192m),
# BENCH_PORT (8089), BENCH_PG_HOST/PORT/USER (127.0.0.1/5432/postgres), BENCH_SKIP_BUILD=1,
# BENCH_JFR=1 (one JFR recording per scenario at the highest concurrency, with its hot methods),
# BENCH_JAVA (the java that runs the server; default: java on the PATH), BENCH_JAVA_OPTS (more JVM flags),
# BENCH_JAR (another build of the jar, for an A/B comparison; implies nothing about BENCH_SKIP_BUILD),
# BENCH_AOT=1 (JDK 25+: restart on the seeded database with an AOT cache made by bin/aot-cache.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${BENCH_USERS:-100000}
DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-5s}
JIT_WARMUP=${BENCH_JIT_WARMUP:-30s}
CONCURRENCY=${BENCH_CONCURRENCY:-"16 64"}
SCENARIOS=${BENCH_SCENARIOS:-"login refresh me introspect jwks"}
HEAP=${BENCH_HEAP:-192m}
PORT=${BENCH_PORT:-8089}
PG_HOST=${BENCH_PG_HOST:-127.0.0.1}; PG_PORT=${BENCH_PG_PORT:-5432}; PG_USER=${BENCH_PG_USER:-postgres}
HASH=${BENCH_HASH:-default}
JAVA=${BENCH_JAVA:-java}
JAR=${BENCH_JAR:-target/portcullis.jar}
JAVA_OPTS=${BENCH_JAVA_OPTS:-}
TOKENS=${BENCH_REFRESH_TOKENS:-60000}
PASSWORD='correct horse battery staple 42'
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=bench/results; WORK=bench/work
mkdir -p "$OUT" "$WORK"
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { echo "installing wrk (Debian)"; apt-get install -y -qq wrk >/dev/null; }
command -v argon2 >/dev/null || { echo "installing argon2 (Debian)"; apt-get install -y -qq argon2 >/dev/null; }
command -v oathtool >/dev/null || { echo "installing oathtool (Debian)"; apt-get install -y -qq oathtool >/dev/null; }
command -v psql >/dev/null || { echo "psql is needed (Debian postgresql-client)"; exit 1; }
psql_admin() { psql -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres "$@"; }
psql_bench() { psql -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d portcullis_bench "$@"; }

if [ "$HASH" = keycloak ]; then ARGON_M=7168; ARGON_T=5; else ARGON_M=19456; ARGON_T=2; fi

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  echo "## build"; mvn -B -q package -DskipTests -DskipITs=true
fi

echo "## fresh database portcullis_bench"
psql_admin -c "DROP DATABASE IF EXISTS portcullis_bench" -c "CREATE DATABASE portcullis_bench"

# The limits stay on with the same number of buckets per request as the defaults, so their cost
# is measured, but sized so that one load generator on one IP is never refused.
BIG=100000000
export PORTCULLIS_MODE=prod PORTCULLIS_ISSUER=https://auth.bench.invalid SERVER_ADDRESS=127.0.0.1 SERVER_PORT=$PORT \
  PORTCULLIS_MASTER_SECRET="$(head -c 32 /dev/urandom | base64)" \
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/portcullis_bench" SPRING_DATASOURCE_USERNAME=$PG_USER \
  SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=1 \
  PORTCULLIS_PASSWORDS_ARGON2_MEMORY_KIB=$ARGON_M PORTCULLIS_PASSWORDS_ARGON2_ITERATIONS=$ARGON_T \
  PORTCULLIS_RATE_LIMIT_LOGIN="ip+account $BIG/15m, account $BIG/1d, ip $BIG/5m" \
  PORTCULLIS_RATE_LIMIT_REFRESH="ip $BIG/1m, ip $BIG/1d" PORTCULLIS_RATE_LIMIT_API="user $BIG/1m, user $BIG/1d" \
  PORTCULLIS_RATE_LIMIT_API_TIERS_ADMIN="user $BIG/1m, user $BIG/1d" \
  PORTCULLIS_BOOTSTRAP_ADMIN_EMAIL=bench-admin@example.com PORTCULLIS_BOOTSTRAP_ADMIN_PASSWORD="$PASSWORD"

# shellcheck disable=SC2206 # JAVA_OPTS is a list of flags
SERVER_FLAGS=(-Xms$HEAP -Xmx$HEAP $JAVA_OPTS)
RUN_JAR=$JAR
AOT_FLAGS=()
start_server() {
  local log=$1
  local t0; t0=$(date +%s%N)
  "$JAVA" "${SERVER_FLAGS[@]}" "${AOT_FLAGS[@]}" -jar "$RUN_JAR" >"$log" 2>&1 &
  PID=$!
  for _ in $(seq 1 600); do
    if curl -sf -o /dev/null "$BASE/actuator/health"; then
      READY_MS=$(( ($(date +%s%N) - t0) / 1000000 )); return 0
    fi
    kill -0 $PID 2>/dev/null || { echo "Portcullis did not start; see $log"; tail -20 "$log"; exit 1; }
    sleep 0.05
  done
  echo "Portcullis not ready after 30 s"; exit 1
}
# CPU split of a measured run (of cores x 100%): the server's JVM, PostgreSQL's processes, and the
# whole machine (the rest is wrk and the kernel), from /proc, in clock ticks.
HZ=$(getconf CLK_TCK)
proc_ticks() { local t=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $t; }
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
cpu_snapshot() { echo "$(proc_ticks $PID) $(proc_ticks $(pgrep -x postgres)) $(busy_ticks) $(date +%s%N)"; }
cpu_json() { # before after -> "cpu_server":..,"cpu_db":..,"cpu_all":.. in percent of one core
  read -r s0 d0 b0 t0 <<<"$1"; read -r s1 d1 b1 t1 <<<"$2"
  awk -v s=$((s1 - s0)) -v d=$((d1 - d0)) -v b=$((b1 - b0)) -v ns=$((t1 - t0)) -v hz="$HZ" \
    'BEGIN { t = ns / 1e9 * hz; printf "\"cpu_server\":%.0f,\"cpu_db\":%.0f,\"cpu_all\":%.0f", 100*s/t, 100*d/t, 100*b/t }'
}
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$PID/status; }

echo "## start (fresh database: migrations run)"
start_server "$WORK/server-first.log"; READY_FRESH_MS=$READY_MS
echo "ready in ${READY_FRESH_MS} ms"

echo "## seed $USERS users (one Argon2id hash, m=$ARGON_M t=$ARGON_T, reused) and refresh tokens"
SALT=$(head -c 12 /dev/urandom | base64 | tr -d '+/=' | head -c 16)
HASH_VALUE="{argon2id}$(echo -n "$PASSWORD" | argon2 "$SALT" -id -t $ARGON_T -k $ARGON_M -p 1 -l 32 -e)"
RUNS=1; for _ in $CONCURRENCY; do RUNS=$((RUNS + 2)); done
SEED_T0=$(date +%s)
psql_bench -v users="$USERS" -v hash="$HASH_VALUE" -v runs="$RUNS" -v tokens="$TOKENS" -f bench/seed.sql
SEED_S=$(( $(date +%s) - SEED_T0 ))
echo "seeded in ${SEED_S} s"

echo "## hashing limit: Argon2id (BouncyCastle, m=$ARGON_M t=$ARGON_T p=1) on all cores of this machine"
unzip -p "$JAR" 'BOOT-INF/lib/bcprov-jdk18on-*.jar' >"$WORK/bcprov.jar"
hash_timing() { "$JAVA" -cp "$WORK/bcprov.jar" bench/HashTiming.java $ARGON_M $ARGON_T; }
read -r HASH_MS HASH_BUSY_MS HASH_RATE <<<"$(hash_timing)"
echo "one hash alone: ${HASH_MS} ms; ${HASH_BUSY_MS} ms each with every core hashing: ${HASH_RATE} hashes/s"

echo "## restart on the seeded database"
kill $PID; wait $PID 2>/dev/null || true
if [ -n "${BENCH_AOT:-}" ]; then
  echo "## JDK AOT cache (bin/aot-cache.sh), trained by one start of this configuration"
  JAVA="$JAVA" bin/aot-cache.sh "$JAR" "$WORK/aot" "${SERVER_FLAGS[@]}" | head -1
  RUN_JAR="$WORK/aot/app/$(basename "$JAR")"
  AOT_FLAGS=(-XX:AOTCache="$WORK/aot/portcullis.aot")
fi
start_server "$WORK/server.log"; READY_MS_RESTART=$READY_MS
sleep 2
RSS_IDLE=$(rss_mb)
echo "ready in ${READY_MS_RESTART} ms, idle RSS ${RSS_IDLE} MB"

ACCESS=$(curl -sf -H 'Content-Type: application/json' \
  -d "{\"email\":\"bench-1@example.com\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/login" \
  | sed 's/.*"access_token":"\([^"]*\)".*/\1/')

# Introspection (TOK-7) needs an API key with tokens:introspect, which only an admin signed in with
# MFA may make: the bootstrap admin enrols TOTP (codes from oathtool), signs in with it, makes the key.
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
J='Content-Type: application/json'
ADMIN_LOGIN="{\"email\":\"bench-admin@example.com\",\"password\":\"$PASSWORD\"}"
ENROL=$(curl -sf -H "$J" -d "$ADMIN_LOGIN" "$BASE/api/v1/auth/login" | field access_token)
TOTP=$(curl -sf -X POST -H "Authorization: Bearer $ENROL" "$BASE/api/v1/me/mfa/totp" | field secret)
curl -sf -o /dev/null -H "$J" -H "Authorization: Bearer $ENROL" -d "{\"code\":\"$(oathtool --totp -b "$TOTP")\"}" \
  "$BASE/api/v1/me/mfa/totp/confirm"
MFA_TOKEN=$(curl -sf -H "$J" -d "$ADMIN_LOGIN" "$BASE/api/v1/auth/login" | field mfa_token)
ADMIN=$(curl -sf -H "$J" -d "{\"mfa_token\":\"$MFA_TOKEN\",\"code\":\"$(oathtool --totp -b -N 'now + 30 seconds' "$TOTP")\"}" \
  "$BASE/api/v1/auth/mfa" | field access_token)
INTROSPECT_KEY=$(curl -sf -H "$J" -H "Authorization: Bearer $ADMIN" \
  -d '{"name":"bench resource server","scopes":["tokens:introspect"]}' "$BASE/api/v1/me/api-keys" | field key)
[ -n "$INTROSPECT_KEY" ] || { echo "could not make the introspection key"; exit 1; }

RSS_PEAK=$RSS_IDLE
sample_rss() { while kill -0 $PID 2>/dev/null; do r=$(rss_mb); echo "$r"; sleep 0.5; done; }
sample_rss >"$WORK/rss.txt" &
SAMPLER=$!

export BENCH_USERS=$USERS BENCH_PASSWORD="$PASSWORD" BENCH_ACCESS_TOKEN="$ACCESS" BENCH_API_KEY="$INTROSPECT_KEY"
# One pass over every scenario first: on two cores the JIT needs tens of seconds of load before a
# path runs at its steady speed (JWKS went 2.1k -> 7.0k -> 10.5k req/s over three consecutive 15 s
# runs of one fresh server, 2026-12-07), and the first scenario measured would otherwise pay for it.
for s in $SCENARIOS; do
  echo "## JIT warm-up: $s c=16 for $JIT_WARMUP"
  BENCH_SCENARIO=$s BENCH_RUN=0 wrk -t2 -c16 -d"$JIT_WARMUP" --timeout 30s -s bench/wrk/scenario.lua "$BASE" >/dev/null
done

RESULTS="$WORK/results.jsonl"; : >"$RESULTS"
run_index=1
for c in $CONCURRENCY; do
  for s in $SCENARIOS; do
    export BENCH_SCENARIO=$s
    echo "## $s c=$c: warm-up $WARMUP, then $DURATION"
    BENCH_RUN=$run_index wrk -t2 -c"$c" -d"$WARMUP" --timeout 30s -s bench/wrk/scenario.lua "$BASE" >/dev/null
    last_c=${CONCURRENCY##* }
    if [ -n "${BENCH_JFR:-}" ] && [ "$c" = "$last_c" ]; then
      jcmd $PID JFR.start name=$s settings=default filename="$PWD/$OUT/$STAMP-$s.jfr" >/dev/null
    fi
    cpu0=$(cpu_snapshot)
    line=$(BENCH_RUN=$((run_index + 1)) wrk -t2 -c"$c" -d"$DURATION" --timeout 30s -s bench/wrk/scenario.lua "$BASE" | grep '^BENCH_JSON' | cut -d' ' -f2-)
    cpu1=$(cpu_snapshot)
    if [ -n "${BENCH_JFR:-}" ] && [ "$c" = "$last_c" ]; then jcmd $PID JFR.stop name=$s >/dev/null; fi
    echo "{\"scenario\":\"$s\",\"concurrency\":$c,$(cpu_json "$cpu0" "$cpu1"),${line#\{}" | tee -a "$RESULTS"
  done
  run_index=$((run_index + 2))
done
RSS_PEAK=$(sort -n "$WORK/rss.txt" | tail -1)
kill $SAMPLER 2>/dev/null || true
kill $PID; wait $PID 2>/dev/null || true

# Again after the load: a shared host's noise shows as a difference between the two.
read -r _ _ HASH_RATE_AFTER <<<"$(hash_timing)"
echo "hashing limit after the runs: ${HASH_RATE_AFTER} hashes/s"

python3 bench/report.py --results "$RESULTS" --out "$OUT/$STAMP" --hash "$HASH" --argon "m=$ARGON_M,t=$ARGON_T,p=1" \
  --users "$USERS" --duration "$DURATION" --warmup "$WARMUP (after a $JIT_WARMUP JIT warm-up pass over every scenario)" --heap "$HEAP" --ready-fresh-ms "$READY_FRESH_MS" \
  --ready-ms "$READY_MS_RESTART" --rss-idle "$RSS_IDLE" --rss-peak "$RSS_PEAK" --seed-s "$SEED_S" \
  --java "$JAVA" --java-opts="$JAVA_OPTS${BENCH_AOT:+ -XX:AOTCache (bin/aot-cache.sh)}${MALLOC_ARENA_MAX:+ (environment: MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX)}" --hash-ms "$HASH_MS" --hash-busy-ms "$HASH_BUSY_MS" --hash-rate "$HASH_RATE" --hash-rate-after "$HASH_RATE_AFTER"
echo "## wrote $OUT/$STAMP.md and $OUT/$STAMP.json"
