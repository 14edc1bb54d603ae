#!/usr/bin/env bash
# JWKS Guard's benchmark (README, "Performance"): builds the WAR and a comparison WAR on Payara's
# built-in MP-JWT, serves a JWKS and 1,000 valid RS256 tokens, and measures with wrk, one server at a
# time on this machine:
#   (a) authenticated GET /api/me, tokens rotating    (b) GET /api/ping, no auth work: the floor
#   (c) GET /api/me without a token: the 401 path     (d) GET /api/me on Payara's MP-JWT, same tokens
#   (e) GET /.well-known/oauth-protected-resource: a plain servlet of the same WAR
#   (f) (a) again while 5 tokens a second (300 a minute) bring forged, unknown kids: the flood
# The same WAR on Payara Micro 7 (payara7-a, -b, -f) and WildFly (wildfly-a, -b, -f), and a minimal Spring Boot resource server with
# Spring's defaults (bench/spring: spring-a, spring-b), each with the same JVM options and load.
# Settings (environment): WARMUP_SECONDS (60), DURATION_SECONDS (10), ROUNDS (3: the modes take turns,
# and each reports its median), THREADS (2), CONNECTIONS (32),
# TOKEN_COUNT (1000), JVM_OPTIONS (server-config/payara-micro/jvm.properties), PREBOOT
# (server-config/payara-micro/preboot.asadmin), PROFILE (0; 1 records JWKS Guard with Java Flight Recorder from
# JVM start and dumps each measured mode into target/bench/<mode>.jfr), MPJWT (1; 0 skips (d)),
# WILDFLY (1; 0 skips WildFly), SPRING (1; 0 skips Spring), PAYARA7 (1; 0 skips Payara Micro 7, which
# needs a Java 21+: JAVA21_HOME, else found under /usr/lib/jvm).
# Results: target/bench/results.md. Not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP_SECONDS:-60}
DURATION=${DURATION_SECONDS:-10}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-3}
COUNT=${TOKEN_COUNT:-1000}
JVM_OPTIONS=${JVM_OPTIONS:-$(sed -n 's/^payara\.jvm\.options=//p' server-config/payara-micro/jvm.properties)}
PREBOOT=${PREBOOT:-server-config/payara-micro/preboot.asadmin}
APP_PORT=${APP_PORT:-18080}
JWKS_PORT=${JWKS_PORT:-18090}
ISSUER=https://bench-issuer.test.invalid/
AUDIENCE=https://bench-api.test.invalid/
OUT=target/bench
PAYARA_JAR=target/payara-micro/payara-micro.jar

say() { printf '[bench] %s\n' "$*" >&2; }

if ! command -v wrk >/dev/null; then
  say "installing wrk from Debian's packages"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null; fi
fi

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

say "building the WAR and the MP-JWT comparison WAR"
mvn -B -q -ntp -DskipTests package
mvn -B -q -ntp -f bench/mpjwt/pom.xml package
WILDFLY_VERSION=$(sed -n 's:.*<wildfly.version>\(.*\)</wildfly.version>.*:\1:p' pom.xml)
WILDFLY_HOME=target/wildfly/wildfly-$WILDFLY_VERSION
if [ "${WILDFLY:-1}" = 1 ] && [ ! -d "$WILDFLY_HOME" ]; then
  say "unpacking WildFly $WILDFLY_VERSION and applying server-config/wildfly/configure.cli"
  # overWriteReleases: the unpack marker of an earlier build would otherwise skip it.
  mvn -B -q -ntp -Dmdep.overWriteReleases=true dependency:unpack@unpack-wildfly exec:exec@configure-wildfly
fi
# Payara Micro 7 needs a Java 21+: JAVA21_HOME, else the first under /usr/lib/jvm (as .ci/run finds it).
if [ -z "${JAVA21_HOME:-}" ]; then
  for home in /usr/lib/jvm/*; do
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null || true)
    if [ -n "$version" ] && [ "$version" -ge 21 ] && [ -x "$home/bin/java" ]; then JAVA21_HOME=$home; break; fi
  done
fi
PAYARA7_JAR=target/payara-micro-7/payara-micro.jar
if [ "${PAYARA7:-1}" = 1 ] && [ -n "${JAVA21_HOME:-}" ] && [ ! -f "$PAYARA7_JAR" ]; then
  say "fetching Payara Micro 7"
  JAVA21_HOME=$JAVA21_HOME mvn -B -q -ntp dependency:copy@fetch-payara-micro-7
fi
if [ "${SPRING:-1}" = 1 ]; then
  say "building the Spring Boot peer (bench/spring)"
  mvn -B -q -ntp -f bench/spring/pom.xml package -DskipTests
fi
mkdir -p "$OUT"
mvn -B -q -ntp dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$OUT/classpath.txt"

say "starting the bench issuer on 127.0.0.1:$JWKS_PORT"
rm -f "$OUT/tokens.txt"
java -cp "$(cat "$OUT/classpath.txt")" bench/tools/BenchIssuer.java "$JWKS_PORT" "$OUT/tokens.txt" "$COUNT" \
  "$ISSUER" "$AUDIENCE" "$OUT/forged.txt" > "$OUT/issuer.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$OUT/tokens.txt" ] && break; sleep 0.2; done
[ -s "$OUT/tokens.txt" ] || { say "the bench issuer did not start: see $OUT/issuer.log"; exit 1; }
TOKEN=$(head -1 "$OUT/tokens.txt")

# start_payara NAME WAR [VAR=VALUE...]: Payara Micro on APP_PORT, the WAR at /, the project's JVM options
# and preboot file.
start_payara() {
  local name=$1 war=$2; shift 2
  local jfr=()
  if [ "${PROFILE:-0}" = 1 ]; then
    # From JVM start: starting a recording on a warm JVM with jcmd distorted the RSA path 25-fold.
    jfr=("-XX:StartFlightRecording=name=bench,settings=profile,disk=true,maxage=10m")
  fi
  # shellcheck disable=SC2086 # the options are words
  env "$@" "${PAYARA_JAVA:-java}" $JVM_OPTIONS "${jfr[@]}" -jar "${MICRO_JAR:-$PAYARA_JAR}" --nocluster --deploy "$war" --contextroot / \
    --port "$APP_PORT" --prebootcommandfile "$PREBOOT" --logproperties server-config/payara-micro/logging.properties \
    > "$OUT/payara-$name.log" 2>&1 &
  PAYARA_PID=$!
  pids+=("$PAYARA_PID")
  await_me "payara-$name"
}

stop_payara() {
  kill "$PAYARA_PID" 2>/dev/null || true
  wait "$PAYARA_PID" 2>/dev/null || true
}

# await_me NAME: until GET /api/me with a token answers 200 on APP_PORT.
await_me() {
  for _ in $(seq 1 240); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
        "http://127.0.0.1:$APP_PORT/api/me")" = 200 ]; then return 0; fi
    sleep 0.5
  done
  say "$1 did not serve /api/me: see $OUT/$1.log"; exit 1
}

# start_wildfly: the same WAR at / on WildFly (standalone-microprofile.xml, as configure.cli set it up),
# the same JVM options, configured by OAUTH_* as on Payara. PAYARA_PID is then WildFly's JVM.
start_wildfly() {
  rm -rf "$WILDFLY_HOME/standalone/deployments/"ROOT.war* "$WILDFLY_HOME/standalone/tmp" "$WILDFLY_HOME/standalone/data"
  cp target/jwks-guard.war "$WILDFLY_HOME/standalone/deployments/ROOT.war"
  # shellcheck disable=SC2086
  env OAUTH_ISSUER="$ISSUER" OAUTH_AUDIENCE="$AUDIENCE" OAUTH_JWKS_URI="http://127.0.0.1:$JWKS_PORT/jwks.json" \
    JAVA_OPTS="$JVM_OPTIONS -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true" \
    "$WILDFLY_HOME/bin/standalone.sh" -c standalone-microprofile.xml --stability=community -Djboss.http.port="$APP_PORT" \
    > "$OUT/wildfly.log" 2>&1 &
  pids+=($!)
  await_me wildfly
  PAYARA_PID=$(pgrep -f -- "-Djboss.home.dir=$PWD/$WILDFLY_HOME" | head -1)
  pids+=("$PAYARA_PID")
}

# start_spring: bench/spring with the same JVM options; Spring's defaults otherwise.
start_spring() {
  # shellcheck disable=SC2086
  env BENCH_ISSUER="$ISSUER" BENCH_AUDIENCE="$AUDIENCE" BENCH_JWKS_URI="http://127.0.0.1:$JWKS_PORT/jwks.json" \
    BENCH_PORT="$APP_PORT" java $JVM_OPTIONS -jar bench/spring/target/spring-resource-server.jar \
    > "$OUT/spring.log" 2>&1 &
  PAYARA_PID=$!
  pids+=("$PAYARA_PID")
  await_me spring
}

# to_ms VALUE: wrk's "850.00us" / "4.12ms" / "1.02s" in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0;
    else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

# load SECONDS PATH WITH_TOKENS(yes|no) REPORT_FILE
load() {
  local tokens=""
  [ "$3" = yes ] && tokens="$PWD/$OUT/tokens.txt"
  TOKENS_FILE="$tokens" BENCH_PATH="$2" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1"s --latency \
    -s bench/tools/rotate-tokens.lua "http://127.0.0.1:$APP_PORT" > "$4"
}

# flood_start / flood_stop: 5 requests a second, each with a token of a forged, unknown kid, as long as
# the flood runs (300 a minute: the key-management tests' flood).
flood_start() {
  ( while read -r forged; do
      curl -s -o /dev/null -H "Authorization: Bearer $forged" "http://127.0.0.1:$APP_PORT/api/me" &
      sleep 0.2
    done < "$OUT/forged.txt" ) &
  FLOOD_PID=$!
}
flood_stop() { kill "$FLOOD_PID" 2>/dev/null || true; wait "$FLOOD_PID" 2>/dev/null || true; }

# measure NAME PATH WITH_TOKENS ROUND: one measured run; appends a row to the raw results.
measure() {
  local report="$OUT/wrk-$1-$4.txt"
  load "$DURATION" "$2" "$3" "$report"
  if [ "${PROFILE:-0}" = 1 ]; then
    jcmd "$PAYARA_PID" JFR.dump name=bench maxage="${DURATION}s" filename="$PWD/$OUT/$1-$4.jfr" >/dev/null || true
  fi
  local rps p50 p99 errors rss
  rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$report")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$report")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$report")")
  errors=$(awk '/Non-2xx or 3xx/ { print $5 }' "$report"); errors=${errors:-0}
  rss=$(( $(ps -o rss= -p "$PAYARA_PID") / 1024 ))
  printf '%s|%s|%s|%s|%s|%s|%s\n' "$1" "$2" "$rps" "$p50" "$p99" "$errors" "$rss" >> "$OUT/raw.txt"
  say "$1 (round $4): $rps req/s, p50 $p50 ms, p99 $p99 ms, non-2xx $errors, RSS $rss MiB"
}

: > "$OUT/raw.txt"
say "JWKS Guard: warming up ${WARMUP}s"
start_payara guard target/jwks-guard.war OAUTH_ISSUER="$ISSUER" OAUTH_AUDIENCE="$AUDIENCE" \
  OAUTH_JWKS_URI="http://127.0.0.1:$JWKS_PORT/jwks.json"
load "$WARMUP" /api/me yes /dev/null
load $(( WARMUP / 4 + 1 )) /api/ping no /dev/null
load $(( WARMUP / 4 + 1 )) /api/me no /dev/null
load $(( WARMUP / 4 + 1 )) /.well-known/oauth-protected-resource no /dev/null
# The modes take turns, ROUNDS times, and each reports its median: one pass in a fixed order gave
# (a) 9,308 and 11,377 req/s in two runs of the same build, as the JIT settled between modes.
for round in $(seq 1 "$ROUNDS"); do
  measure "a-authenticated" /api/me yes "$round"
  measure "b-floor" /api/ping no "$round"
  measure "c-401" /api/me no "$round"
  measure "e-metadata" /.well-known/oauth-protected-resource no "$round"
  flood_start
  measure "f-flood" /api/me yes "$round"
  flood_stop
done
stop_payara

# peer_rounds PREFIX FLOOD(yes|no): a started peer warmed up, then ROUNDS rounds of its (a), (b) and,
# with FLOOD, (f) modes, named PREFIX-a-authenticated and so on; stops it.
peer_rounds() {
  load "$WARMUP" /api/me yes /dev/null
  load $(( WARMUP / 4 + 1 )) /api/ping no /dev/null
  for round in $(seq 1 "$ROUNDS"); do
    PROFILE=0 measure "$1-a-authenticated" /api/me yes "$round"
    PROFILE=0 measure "$1-b-floor" /api/ping no "$round"
    if [ "$2" = yes ]; then
      flood_start
      PROFILE=0 measure "$1-f-flood" /api/me yes "$round"
      flood_stop
    fi
  done
  stop_payara
}

if [ "${PAYARA7:-1}" = 1 ] && [ -f "$PAYARA7_JAR" ]; then
  say "Payara Micro 7 ($JAVA21_HOME): warming up ${WARMUP}s"
  PROFILE=0 PAYARA_JAVA="$JAVA21_HOME/bin/java" MICRO_JAR="$PAYARA7_JAR" start_payara guard7 target/jwks-guard.war \
    OAUTH_ISSUER="$ISSUER" OAUTH_AUDIENCE="$AUDIENCE" OAUTH_JWKS_URI="http://127.0.0.1:$JWKS_PORT/jwks.json"
  peer_rounds payara7 yes
fi

if [ "${WILDFLY:-1}" = 1 ]; then
  say "WildFly $WILDFLY_VERSION: warming up ${WARMUP}s"
  PROFILE=0 start_wildfly
  peer_rounds wildfly yes
fi

if [ "${SPRING:-1}" = 1 ]; then
  say "Spring Boot resource server: warming up ${WARMUP}s"
  PROFILE=0 start_spring
  peer_rounds spring no
fi

if [ "${MPJWT:-1}" = 1 ]; then
  say "Payara MP-JWT: warming up ${WARMUP}s"
  PROFILE=0 start_payara mpjwt bench/mpjwt/target/mpjwt.war MP_JWT_VERIFY_PUBLICKEY_LOCATION="http://127.0.0.1:$JWKS_PORT/jwks.json" \
    MP_JWT_VERIFY_ISSUER="$ISSUER" MP_JWT_VERIFY_AUDIENCES="$AUDIENCE"
  load "$WARMUP" /api/me yes /dev/null
  for round in $(seq 1 "$ROUNDS"); do
    PROFILE=0 measure "d-mpjwt" /api/me yes "$round"
  done
  stop_payara
fi

# One row per mode: the median of its rounds, column by column (RSS: the largest).
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
: > "$OUT/rows.txt"
for mode in $(cut -d'|' -f1 "$OUT/raw.txt" | awk '!seen[$0]++'); do
  col() { awk -F'|' -v n="$mode" -v c="$1" '$1 == n { print $c }' "$OUT/raw.txt"; }
  printf '%s|%s|%s|%s|%s|%s|%s\n' "$mode" "$(col 2 | head -1)" "$(col 3 | median)" "$(col 4 | median)" \
    "$(col 5 | median)" "$(col 6 | median)" "$(col 7 | sort -n | tail -1)" >> "$OUT/rows.txt"
done

rate() { awk -F'|' -v n="$1" '$1 == n { print $3 }' "$OUT/rows.txt"; }
p99() { awk -F'|' -v n="$1" '$1 == n { print $5 }' "$OUT/rows.txt"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
{
  echo "JWKS Guard benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo "wrk -t$THREADS -c$CONNECTIONS, median of $ROUNDS rounds of ${DURATION}s per mode after ${WARMUP}s warm-up; $COUNT rotating RS256 tokens; every JVM with $JVM_OPTIONS; Payara Micro with $PREBOOT, WildFly $WILDFLY_VERSION with standalone-microprofile.xml and server-config/wildfly/configure.cli, Spring Boot 3.5.7 with its defaults (Tomcat, 200 threads)"
  echo
  echo "| mode | path | req/s | p50 ms | p99 ms | non-2xx | RSS MiB |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  awk -F'|' '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }' "$OUT/rows.txt"
  echo
  echo "a/b throughput $(ratio "$(rate a-authenticated)" "$(rate b-floor)"), a/d throughput $(ratio "$(rate a-authenticated)" "$(rate d-mpjwt)"), p99 a/b $(ratio "$(p99 a-authenticated)" "$(p99 b-floor)"), p99 flood f/a $(ratio "$(p99 f-flood)" "$(p99 a-authenticated)")"
  echo "Payara Micro 7: a/b throughput $(ratio "$(rate payara7-a-authenticated)" "$(rate payara7-b-floor)"), p99 a/b $(ratio "$(p99 payara7-a-authenticated)" "$(p99 payara7-b-floor)"), p99 flood f/a $(ratio "$(p99 payara7-f-flood)" "$(p99 payara7-a-authenticated)")"
  echo "WildFly: a/b throughput $(ratio "$(rate wildfly-a-authenticated)" "$(rate wildfly-b-floor)"), p99 a/b $(ratio "$(p99 wildfly-a-authenticated)" "$(p99 wildfly-b-floor)"), p99 flood f/a $(ratio "$(p99 wildfly-f-flood)" "$(p99 wildfly-a-authenticated)")"
  echo "Against Spring (authenticated req/s): Payara Micro 6 $(ratio "$(rate a-authenticated)" "$(rate spring-a-authenticated)"), Payara Micro 7 $(ratio "$(rate payara7-a-authenticated)" "$(rate spring-a-authenticated)"), WildFly $(ratio "$(rate wildfly-a-authenticated)" "$(rate spring-a-authenticated)"); p99 Payara/Spring $(ratio "$(p99 a-authenticated)" "$(p99 spring-a-authenticated)")"
} > "$OUT/results.md"
cat "$OUT/results.md"
