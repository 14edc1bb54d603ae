package dev.jwksguard.testsupport;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** asadmin against the running domain: the domain's MicroProfile Config source, and redeploy. */
final class PayaraServerAsadmin extends ServerAdmin {

    /** Arquillian names the application after the archive, ROOT.war (ItServer.war()). */
    private static final String APPLICATION = "ROOT";

    private final Path home;
    private final String domain;
    private final int adminPort;
    private final List<String> asadmin;

    PayaraServerAsadmin(Path home, String domain, int adminPort) {
        this.home = home;
        this.domain = domain;
        this.adminPort = adminPort;
        this.asadmin = List.of(home.resolve("bin/asadmin").toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(adminPort));
    }

    private static Map<String, String> environment() {
        return Map.of("AS_JAVA", System.getProperty("java.home"));
    }

    @Override
    public Optional<String> property(String key) {
        try {
            return Optional.of(run(environment(), commandLine(asadmin, "--terse", "get-config-property",
                    "--source=domain", "--propertyName=" + key)).strip());
        } catch (IllegalStateException e) {
            if (e.getMessage().contains("Not Found")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void setProperty(String key, String value) {
        run(environment(), commandLine(asadmin, "set-config-property", "--source=domain",
                "--propertyName=" + key, "--propertyValue=" + value));
    }

    @Override
    public void removeProperty(String key) {
        run(environment(), commandLine(asadmin, "delete-config-property", "--source=domain",
                "--propertyName=" + key));
    }

    @Override
    public void redeploy() {
        run(environment(), commandLine(asadmin, "redeploy", "--name", APPLICATION,
                System.getProperty("it.war", "target/jwks-guard.war")));
    }

    @Override
    public Path serverLog() {
        return home.resolve("glassfish/domains").resolve(domain).resolve("logs/server.log");
    }

    /** create-it-domain.sh ran the docs' set-log-attributes before the domain started: Payara applies it at start only. */
    @Override
    public Path routeAuditLog() {
        return home.resolve("glassfish/domains").resolve(domain).resolve("logs/jwks-guard-audit0.log");
    }

    /** HTTP, HTTPS (http-listener-2) and the admin listener; not Hazelcast, JMS, JMX or IIOP (configure.asadmin). */
    @Override
    public Set<Integer> listenerPorts() {
        return Set.of(Integer.getInteger("it.http.port"), Integer.getInteger("it.payara.https.port"), adminPort);
    }
}
