#!/usr/bin/env bash
# The integration suite's WildFly, set up the way docs/servers.md tells an operator to: the
# project's server-config/wildfly/configure.cli, applied offline. Always to the distribution's own
# standalone-microprofile.xml (kept beside it the first time), so that a second "mvn verify"
# without "clean" applies the script once, not on top of itself.
# Run by Maven in pre-integration-test (execution "configure-wildfly").
set -euo pipefail

: "${WILDFLY_HOME:?}" "${CONFIG_DIR:?}"
configuration="$WILDFLY_HOME/standalone/configuration"
[ -f "$configuration/standalone-microprofile.xml.dist" ] \
  || cp "$configuration/standalone-microprofile.xml" "$configuration/standalone-microprofile.xml.dist"
cp "$configuration/standalone-microprofile.xml.dist" "$configuration/standalone-microprofile.xml"
"$WILDFLY_HOME/bin/jboss-cli.sh" --file="$CONFIG_DIR/configure.cli"
