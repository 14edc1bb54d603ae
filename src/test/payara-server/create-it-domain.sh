#!/usr/bin/env bash
# The integration suite's Payara Server domain, set up the way the README tells an operator to:
# a new domain, server-config/payara-server/configure.asadmin, and JWKS Guard's settings through
# "asadmin set-config-property" (the domain's MicroProfile Config source, no environment variables).
# Run by Maven in pre-integration-test (execution "create-payara-server-domain"); Arquillian then
# starts the domain, deploys the WAR and stops the domain (src/test/resources/arquillian-payara-server.xml).
set -euo pipefail

: "${PAYARA_HOME:?}" "${DOMAIN:?}" "${ADMIN_PORT:?}" "${HTTP_PORT:?}" "${PORTS:?}" "${JWKS_PORT:?}" "${CONFIG_DIR:?}"
asadmin="$PAYARA_HOME/bin/asadmin"
read -r https jmx jms orb orb_ssl orb_mutual osgi debugger <<<"$PORTS"

rm -rf "$PAYARA_HOME/glassfish/domains/$DOMAIN"
# The ports of the services configure.asadmin turns off are still free ones: nothing is left to
# collide with another build on this machine while the domain boots the first time.
"$asadmin" --user admin create-domain --nopassword --adminport "$ADMIN_PORT" --instanceport "$HTTP_PORT" \
  --domainproperties "http.ssl.port=$https:domain.jmxPort=$jmx:jms.port=$jms:orb.listener.port=$orb:orb.ssl.port=$orb_ssl:orb.mutualauth.port=$orb_mutual:osgi.shell.telnet.port=$osgi:java.debugger.port=$debugger" \
  "$DOMAIN" >/dev/null

"$asadmin" start-domain "$DOMAIN" >/dev/null
trap '"$asadmin" stop-domain "$DOMAIN" >/dev/null' EXIT

"$asadmin" --port "$ADMIN_PORT" multimode --file "$CONFIG_DIR/configure.asadmin" >/dev/null
set_config() {
  "$asadmin" --port "$ADMIN_PORT" set-config-property --source=domain --propertyName="$1" --propertyValue="$2" >/dev/null
}
set_config oauth.issuer https://issuer.test.invalid/
set_config oauth.audience https://api.test.invalid/
set_config oauth.jwks.uri "http://127.0.0.1:$JWKS_PORT/jwks.json"
# The made-up issuer has no discovery document: its endpoints, for the OpenAPI document's OAuth flow.
set_config oauth.authorization-endpoint https://issuer.test.invalid/authorize
set_config oauth.token-endpoint https://issuer.test.invalid/oauth/token
# The audit trail in a file of its own, by the command docs/operations.md gives operators, as it is
# written there; it applies when Arquillian starts the domain (AuditLogRoutingIT reads the file).
docs="$CONFIG_DIR/../../docs/operations.md"
audit=$(grep -o "set-log-attributes --validate=false '[^']*'" "$docs" | head -1 \
  | sed "s/^set-log-attributes --validate=false '//; s/'\$//")
[ -n "$audit" ] || { echo "no set-log-attributes command in $docs" >&2; exit 1; }
"$asadmin" --port "$ADMIN_PORT" set-log-attributes --validate=false \
  "${audit//<DOMAIN_DIR>/$PAYARA_HOME/glassfish/domains/$DOMAIN}" >/dev/null
echo "Payara Server domain $DOMAIN: admin 127.0.0.1:$ADMIN_PORT, HTTP 127.0.0.1:$HTTP_PORT"
