package dev.jwksguard.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Payara Server domain of its own on the suite's installation ({@code payara.server.home}), set up
 * as src/test/payara-server/create-it-domain.sh sets up the suite's: a new domain (every port a free
 * one), server-config/payara-server/configure.asadmin and JWKS Guard's settings in the domain's
 * MicroProfile Config; then, as server-config/payara-server/postgresql.asadmin's header says, the
 * JDBC driver by add-library and that script; restarted, and the WAR deployed at the root. The
 * domain runs under {@code asadmin start-domain --verbose}, a child of the test JVM, both JVMs with
 * the exit-with-parent agent, so that neither outlives the test JVM.
 */
final class PayaraServerInstance {

    private static final Duration BOOT = Duration.ofMinutes(3);
    /** The line Payara prints when the domain has started. */
    private static final String STARTED = "startup time";

    private PayaraServerInstance() {
    }

    /** A domain "failover-{name}" in target/failover/payara-server-{name}, serving before this returns. */
    static FailoverInstance start(String name, Map<String, String> environment, Path logs)
            throws IOException, InterruptedException {
        Instant start = Instant.now();
        Path home = Path.of(System.getProperty("payara.server.home"));
        Path domainDir = Path.of("target", "failover", "payara-server-" + name).toAbsolutePath();
        String domainName = "failover-" + name;
        ServerProcess.deleteTree(domainDir);
        Files.createDirectories(domainDir);
        Path log = logs.resolve("failover-payara-server-" + name + ".log");
        Files.deleteIfExists(log);
        Asadmin asadmin = new Asadmin(home, log);

        int adminPort = FreePort.onLoopback();
        int httpPort = FreePort.onLoopback();
        // Free ports for the services configure.asadmin turns off, and Hazelcast's (create-domain's
        // defaults, 4900 and 5900, would be shared with every other domain on this machine until then).
        StringBuilder ports = new StringBuilder();
        for (String property : List.of("http.ssl.port", "domain.jmxPort", "jms.port", "orb.listener.port",
                "orb.ssl.port", "orb.mutualauth.port", "osgi.shell.telnet.port", "java.debugger.port",
                "hazelcast.das.port", "hazelcast.start.port")) {
            ports.append(ports.isEmpty() ? "" : ":").append(property).append('=').append(FreePort.onLoopback());
        }
        asadmin.run("--user", "admin", "create-domain", "--nopassword", "--domaindir", domainDir.toString(),
                "--adminport", Integer.toString(adminPort), "--instanceport", Integer.toString(httpPort),
                "--domainproperties", ports.toString(), domainName);

        ServerProcess setup = startDomain(home, domainDir, domainName, environment, log);
        try {
            awaitStarted(setup, 0, name);
            asadmin.remote(adminPort, "multimode", "--file",
                    Path.of("server-config/payara-server/configure.asadmin").toAbsolutePath().toString());
            Path settings = Files.writeString(domainDir.resolve("settings.asadmin"), String.join("\n",
                    setConfig("oauth.issuer", TestTokens.ISSUER),
                    setConfig("oauth.audience", TestTokens.AUDIENCE),
                    setConfig("oauth.jwks.uri", "http://127.0.0.1:" + Integer.getInteger("it.jwks.port") + "/jwks.json"),
                    setConfig("oauth.authorization-endpoint", "https://issuer.test.invalid/authorize"),
                    setConfig("oauth.token-endpoint", "https://issuer.test.invalid/oauth/token"),
                    "add-library " + Path.of("target/jdbc/postgresql.jar").toAbsolutePath(),
                    ""));
            asadmin.remote(adminPort, "multimode", "--file", settings.toString());
            asadmin.remote(adminPort, "multimode", "--file",
                    Path.of("server-config/payara-server/postgresql.asadmin").toAbsolutePath().toString());
            // Restarted for configure.asadmin's JVM options and the driver (add-library).
            asadmin.run("stop-domain", "--domaindir", domainDir.toString(), domainName);
            setup.awaitExit("Payara Server domain " + name + " stopping", Duration.ofMinutes(1));
        } finally {
            setup.stop(Duration.ofSeconds(20));
        }

        long offset = Files.size(log);
        ServerProcess serving = startDomain(home, domainDir, domainName, environment, log);
        try {
            awaitStarted(serving, offset, name);
            asadmin.remote(adminPort, "deploy", "--name", "ROOT", "--contextroot", "/", System.getProperty("it.war"));
            serving.await("Payara Server domain " + name + " serving", BOOT,
                    () -> ServerProcess.serving("http://127.0.0.1:" + httpPort));
            long pid = Long.parseLong(Files.readString(domainDir.resolve(domainName).resolve("config/pid")).strip());
            ProcessHandle jvm = serving.process().descendants().filter(handle -> handle.pid() == pid).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the domain's pid " + pid + " is not under asadmin "
                            + serving.process().pid()));
            return new FailoverInstance.ServerJvm(serving, jvm, httpPort, Duration.between(start, Instant.now()));
        } catch (RuntimeException | IOException | InterruptedException e) {
            serving.stop(Duration.ofSeconds(20));
            throw e;
        }
    }

    private static String setConfig(String key, String value) {
        return "set-config-property --source=domain --propertyName=" + key + " --propertyValue=" + value;
    }

    /**
     * {@code asadmin start-domain --verbose}: asadmin stays, the parent of the domain's JVM, and both
     * get the exit-with-parent agent (JAVA_TOOL_OPTIONS). The domain inherits {@code environment}.
     */
    private static ServerProcess startDomain(Path home, Path domainDir, String domainName,
                                             Map<String, String> environment, Path log) throws IOException {
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("AS_JAVA", System.getProperty("java.home"));
        String agent = "-javaagent:" + System.getProperty("it.exitWithParentAgent");
        String inherited = System.getenv().getOrDefault("JAVA_TOOL_OPTIONS", "");
        variables.put("JAVA_TOOL_OPTIONS", inherited.isBlank() ? agent : inherited + " " + agent);
        return ServerProcess.start(List.of(home.resolve("bin/asadmin").toString(), "start-domain", "--verbose",
                "--domaindir", domainDir.toString(), domainName), variables, log);
    }

    private static void awaitStarted(ServerProcess domain, long logOffset, String name) throws InterruptedException {
        domain.await("Payara Server domain " + name + " started", BOOT,
                () -> domain.logAfter(logOffset).contains(STARTED));
    }

    /** asadmin commands, their output appended to the instance's log. */
    private record Asadmin(Path home, Path log) {

        void remote(int adminPort, String... command) throws IOException {
            List<String> all = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", Integer.toString(adminPort)));
            all.addAll(List.of(command));
            run(all.toArray(String[]::new));
        }

        void run(String... command) throws IOException {
            List<String> line = new ArrayList<>(List.of(home.resolve("bin/asadmin").toString()));
            line.addAll(List.of(command));
            Files.writeString(log, "$ asadmin " + String.join(" ", command) + "\n", java.nio.file.StandardOpenOption.APPEND,
                    java.nio.file.StandardOpenOption.CREATE);
            String output = ServerAdmin.run(Map.of("AS_JAVA", System.getProperty("java.home")),
                    line.toArray(String[]::new));
            Files.writeString(log, output, java.nio.file.StandardOpenOption.APPEND);
        }
    }
}
