#!/usr/bin/env bash
# Faster start on JDK 25+: Spring Boot's extracted jar layout plus a JDK AOT cache (JEP 483/514/515)
# of the classes Portcullis loads and links while it starts, trained by one start of your own
# configuration that stops as soon as the application context is ready.
#
#   bin/aot-cache.sh target/portcullis.jar /opt/portcullis [JVM flags used in production...]
#   # then, with the same flags and the same configuration:
#   java [JVM flags] -XX:AOTCache=/opt/portcullis/portcullis.aot -jar /opt/portcullis/app/portcullis.jar
#
# The training start is a real start: run it with the production environment (PORTCULLIS_MODE,
# the database, the master secret…), so it loads what production loads; like any start it applies
# pending migrations. Make a new cache for each new jar and each new JDK: the JVM refuses (with a
# warning, then starts without it) a cache made by another build or JDK, or with other flags.
# JAVA selects the java binary (default: java on the PATH).
set -euo pipefail
JAR=${1:?usage: bin/aot-cache.sh JAR DEST [JVM flags...]}
DEST=${2:?usage: bin/aot-cache.sh JAR DEST [JVM flags...]}
shift 2
JAVA=${JAVA:-java}
feature=$("$JAVA" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -c 'AOTCacheOutput' || true)
[ "$feature" -gt 0 ] || { echo "$("$JAVA" -version 2>&1 | head -1): the AOT cache needs JDK 25 or newer" >&2; exit 2; }

rm -rf "$DEST/app"
mkdir -p "$DEST"
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$DEST/app" >/dev/null
APP="$DEST/app/$(basename "$JAR")"
# spring.context.exit=onRefresh: the context starts fully (beans, migrations check, web server
# configuration) and the JVM then exits, writing the cache.
"$JAVA" "$@" -XX:AOTCacheOutput="$DEST/portcullis.aot" -Dspring.context.exit=onRefresh -jar "$APP" \
  >"$DEST/aot-training.log" 2>&1 || { echo "training start failed; see $DEST/aot-training.log" >&2; exit 1; }
echo "AOT cache: $DEST/portcullis.aot ($(du -h "$DEST/portcullis.aot" | cut -f1)); start with:"
echo "  $JAVA $* -XX:AOTCache=$DEST/portcullis.aot -jar $APP"
