package dev.jwksguard.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The running server's own admin tool, used the way an operator uses it: set or remove a
 * MicroProfile Config property, redeploy the application, read the server log. asadmin on Payara
 * Server, jboss-cli on WildFly; the build says which server runs the suite (pom.xml, failsafe).
 */
public abstract class ServerAdmin {

    /** The admin tool of the server this run of the suite deploys to. */
    public static ServerAdmin forThisRun() {
        if (ItServer.isWildFly()) {
            return new WildFlyCli(Path.of(System.getProperty("wildfly.home")),
                    Integer.getInteger("it.wildfly.management.port"));
        }
        if (ItServer.SERVER.startsWith("Payara Server")) {
            return new PayaraServerAsadmin(Path.of(System.getProperty("payara.server.home")),
                    System.getProperty("it.payara.server.domain"), Integer.getInteger("it.payara.admin.port"));
        }
        throw new IllegalStateException(ItServer.SERVER + " has no admin tool to reach while it runs");
    }

    /** The value the server's own source holds for the key (not the environment, not the WAR). */
    public abstract Optional<String> property(String key);

    public abstract void setProperty(String key, String value);

    public abstract void removeProperty(String key);

    /** A new start of the application, as after an operator's redeploy: settings are read again. */
    public abstract void redeploy();

    public abstract Path serverLog();

    /**
     * Routes the audit logger to a file of its own as docs/operations.md tells an operator to
     * (where that needs a restart, the suite's server was set up with it before it started).
     *
     * @return the file its lines go to
     */
    public abstract Path routeAuditLog();

    /** The ports the server is configured to listen on (server-config/, the Arquillian file), all on loopback. */
    public abstract Set<Integer> listenerPorts();

    /** Runs the tool; its output is the failure message when it does not succeed. */
    protected static String run(Map<String, String> environment, String... command) {
        try {
            // Output to a file, so that a hanging tool still times out instead of blocking a read.
            Path output = Files.createTempFile("server-admin", ".log");
            ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            String text = Files.readString(output);
            Files.delete(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed (" + process.exitValue() + "): "
                        + String.join(" ", command) + "\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static String[] commandLine(List<String> prefix, String... arguments) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(List.of(arguments));
        return all.toArray(String[]::new);
    }
}
