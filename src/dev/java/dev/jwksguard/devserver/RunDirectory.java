package dev.jwksguard.devserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The run command's directory ({@code .run}). Payara Micro's root dir in it ({@code payara}) is
 * started afresh on every run: a kept one holds the previous run's deployment, which Payara deploys
 * again at boot before the new WAR, so every restart deployed the application twice (twice the
 * start-up work, the log lines and the JWKS warnings). The notes database ({@code notes}) lives
 * beside it instead, and so survives restarts.
 */
final class RunDirectory {

    static final String H2_POOL_URL = "resources.jdbc-connection-pool.H2Pool.property.URL";
    private static final String DATABASE = "embedded_default";

    private final Path base;

    RunDirectory(Path base) {
        this.base = base;
    }

    Path payaraRoot() {
        return base.resolve("payara");
    }

    Path notes() {
        return base.resolve("notes");
    }

    /**
     * Empties the Payara root dir, after moving an earlier run's notes database out of it, and
     * writes the pre-boot commands to use: the project's, then the notes database's place. The
     * project's quiet logging goes beside them, where the launcher looks for it: without it, Payara
     * prints some 400 lines of expired CA certificates of its own trust store at every start.
     *
     * @return the pre-boot command file to give Payara Micro
     */
    Path prepare(Path projectPreboot) throws IOException {
        Files.createDirectories(notes());
        if (Files.exists(payaraRoot())) {
            keepNotesOfEarlierRuns();
            deleteTree(payaraRoot());
        }
        Files.createDirectories(payaraRoot());
        Path preboot = base.resolve("preboot.asadmin");
        Files.writeString(preboot, Files.readString(projectPreboot)
                + "\n# The run command's notes, outside the root dir that each run starts afresh\n"
                + "set " + H2_POOL_URL + "=jdbc:h2:" + notes().resolve(DATABASE) + "\n");
        Path logging = projectPreboot.resolveSibling("logging.properties");
        if (Files.isRegularFile(logging)) {
            Files.copy(logging, preboot.resolveSibling("logging.properties"), StandardCopyOption.REPLACE_EXISTING);
        }
        return preboot;
    }

    /** Before, the notes were kept in the root dir, where Payara's H2 pool puts them by default. */
    private void keepNotesOfEarlierRuns() throws IOException {
        Path old = payaraRoot().resolve("lib").resolve("databases").resolve(DATABASE + ".mv.db");
        Path kept = notes().resolve(DATABASE + ".mv.db");
        if (Files.isRegularFile(old) && !Files.exists(kept)) {
            Files.move(old, kept, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
