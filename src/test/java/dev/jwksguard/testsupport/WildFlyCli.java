package dev.jwksguard.testsupport;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** jboss-cli against the running server: system properties (MicroProfile Config reads them), and redeploy. */
final class WildFlyCli extends ServerAdmin {

    /** The deployment's name: Arquillian deploys ItServer.war() as ROOT.war. */
    private static final String DEPLOYMENT = "ROOT.war";

    private static final Pattern RESULT = Pattern.compile("\"result\" => \"(.*)\"");

    private final Path home;
    private final int managementPort;
    private final List<String> cli;

    WildFlyCli(Path home, int managementPort) {
        this.home = home;
        this.managementPort = managementPort;
        this.cli = List.of(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=127.0.0.1:" + managementPort);
    }

    private String command(String operation) {
        return run(Map.of("JAVA_HOME", System.getProperty("java.home")), commandLine(cli, "--command=" + operation));
    }

    @Override
    public Optional<String> property(String key) {
        try {
            Matcher result = RESULT.matcher(command("/system-property=" + key + ":read-attribute(name=value)"));
            return result.find() ? Optional.of(result.group(1)) : Optional.empty();
        } catch (IllegalStateException e) {
            if (e.getMessage().contains("WFLYCTL0216")) { // not found
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void setProperty(String key, String value) {
        String quoted = "\"" + value.replace("\"", "\\\"") + "\"";
        if (property(key).isPresent()) {
            command("/system-property=" + key + ":write-attribute(name=value,value=" + quoted + ")");
        } else {
            command("/system-property=" + key + ":add(value=" + quoted + ")");
        }
    }

    @Override
    public void removeProperty(String key) {
        command("/system-property=" + key + ":remove");
    }

    @Override
    public void redeploy() {
        command("/deployment=" + DEPLOYMENT + ":redeploy");
    }

    @Override
    public Path serverLog() {
        return home.resolve("standalone/log/server.log");
    }

    /** The docs' jboss-cli commands, as written there, unless an earlier call ran them: they apply at once. */
    @Override
    public Path routeAuditLog() {
        String commands = DocBlock.containing(Path.of("docs/operations.md"), "logger=dev.jwksguard.audit");
        if (!command("/subsystem=logging:read-children-names(child-type=logger)").contains("dev.jwksguard.audit")) {
            commands.lines().filter(line -> line.startsWith("/subsystem=logging/")).forEach(this::command);
        }
        return home.resolve("standalone/log/jwks-guard-audit.log");
    }

    /** HTTP, HTTPS and management (arquillian-wildfly.xml). */
    @Override
    public Set<Integer> listenerPorts() {
        return Set.of(Integer.getInteger("it.http.port"), Integer.getInteger("it.wildfly.https.port"), managementPort);
    }
}
