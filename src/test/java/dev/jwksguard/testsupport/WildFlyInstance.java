package dev.jwksguard.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A WildFly instance of its own on the suite's installation ({@code wildfly.home}, already set up by
 * server-config/wildfly/configure.cli): a copy of its standalone configuration as the instance's
 * {@code jboss.server.base.dir}, switched to PostgreSQL offline by server-config/wildfly/postgresql.cli,
 * started by bin/standalone.sh as the suite's WildFly is started (standalone-microprofile.xml,
 * --stability=community, everything on 127.0.0.1), the WAR deployed as ROOT.war.
 */
final class WildFlyInstance {

    private static final Pattern MODULE_ADD = Pattern.compile("^module add .*--name=(\\S+)", Pattern.MULTILINE);
    /** The server JVM's main module: how the JVM is told from standalone.sh and its probes. */
    private static final String SERVER_MAIN = "org.jboss.as.standalone";

    private WildFlyInstance() {
    }

    private static Path home() {
        return Path.of(System.getProperty("wildfly.home"));
    }

    /**
     * Once for all instances: the installation's standalone configuration, copied to
     * {@code directory}/configuration, with postgresql.cli applied to that copy. The script's
     * {@code module add} writes into the installation's modules/, shared by every base dir (and the
     * suite's own WildFly, which does not use the module): it runs only where the module is not
     * there yet, as an operator's second base dir on one installation would skip it.
     */
    static Path configure(Path directory, Path log) throws IOException, InterruptedException {
        ServerProcess.deleteTree(directory);
        Path configuration = Files.createDirectories(directory.resolve("configuration"));
        try (Stream<Path> files = Files.list(home().resolve("standalone/configuration"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, configuration.resolve(file.getFileName()));
            }
        }
        String script = Files.readString(Path.of("server-config/wildfly/postgresql.cli"));
        Matcher module = MODULE_ADD.matcher(script);
        if (module.find() && Files.isRegularFile(home().resolve("modules")
                .resolve(module.group(1).replace('.', '/')).resolve("main/module.xml"))) {
            script = script.lines().filter(line -> !line.startsWith("module add "))
                    .collect(Collectors.joining("\n", "", "\n"));
        }
        Path cli = Files.writeString(directory.resolve("postgresql.cli"), script);
        Path properties = Files.writeString(directory.resolve("driver.properties"),
                "driver.jar=" + Path.of("target/jdbc/postgresql.jar").toAbsolutePath() + "\n");
        Files.deleteIfExists(log);
        ServerProcess cliRun = ServerProcess.start(List.of(home().resolve("bin/jboss-cli.sh").toString(),
                        "--file=" + cli, "--properties=" + properties),
                Map.of("JAVA_HOME", System.getProperty("java.home"), "JBOSS_HOME", home().toString(),
                        "JAVA_OPTS", "-Djboss.server.base.dir=" + directory), log);
        try {
            cliRun.awaitExit("jboss-cli postgresql.cli", Duration.ofMinutes(3));
        } finally {
            cliRun.stop(Duration.ofSeconds(5));
        }
        if (cliRun.process().exitValue() != 0) {
            throw new IllegalStateException("postgresql.cli failed with " + cliRun.process().exitValue() + ":\n"
                    + Files.readString(log));
        }
        return directory;
    }

    /** An instance with its own copy of {@code configured}, serving before this returns. */
    static FailoverInstance start(Path configured, String name, Map<String, String> environment, Path logs)
            throws IOException, InterruptedException {
        Instant start = Instant.now();
        Path base = configured.resolveSibling(configured.getFileName() + "-" + name);
        ServerProcess.deleteTree(base);
        Path configuration = Files.createDirectories(base.resolve("configuration"));
        try (Stream<Path> files = Files.list(configured.resolve("configuration"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, configuration.resolve(file.getFileName()));
            }
        }
        Files.copy(Path.of(System.getProperty("it.war")), Files.createDirectories(base.resolve("deployments"))
                .resolve("ROOT.war"), StandardCopyOption.REPLACE_EXISTING);

        int http = FreePort.onLoopback();
        List<String> command = ServerProcess.diesWithThisJvm(List.of(home().resolve("bin/standalone.sh").toString(),
                "-c", "standalone-microprofile.xml", "--stability=community",
                "-Djboss.server.base.dir=" + base,
                // One transaction node id per server on one database, as WildFly asks (WFLYTX0013).
                "-Djboss.tx.node.id=failover-" + name,
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1",
                "-Djboss.http.port=" + http,
                "-Djboss.https.port=" + FreePort.onLoopback(),
                "-Djboss.management.http.port=" + FreePort.onLoopback()));
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("JAVA_HOME", System.getProperty("java.home"));
        variables.put("JBOSS_HOME", home().toString());
        // The heap and the exit-with-parent agent of the suite's WildFly (arquillian-wildfly.xml).
        variables.put("JAVA_OPTS", "-javaagent:" + System.getProperty("it.exitWithParentAgent")
                + " -Xms256m -Xmx512m -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true");
        variables.put("LAUNCH_JBOSS_IN_BACKGROUND", "");
        Path log = logs.resolve("failover-wildfly-" + name + ".log");
        Files.deleteIfExists(log);
        ServerProcess process = ServerProcess.start(command, variables, log);
        try {
            process.await("WildFly instance " + name + " serving", Duration.ofMinutes(3),
                    () -> ServerProcess.serving("http://127.0.0.1:" + http));
            ProcessHandle jvm = process.find(SERVER_MAIN)
                    .orElseThrow(() -> new IllegalStateException("no WildFly JVM under " + process.process().pid()));
            return new FailoverInstance.ServerJvm(process, jvm, http, Duration.between(start, Instant.now()));
        } catch (RuntimeException | InterruptedException e) {
            process.stop(Duration.ofSeconds(20));
            throw e;
        }
    }
}
