package dev.jwksguard.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The one launcher of Payara Micro as a child process, for the run command ({@code DevServer})
 * and for tests that restart a server: the WAR at the context root, the project's preboot file
 * (HTTP on 127.0.0.1), an optional kept {@code --rootdir}, and {@link ExitWithParentAgent} so that
 * the child ends when its launcher dies. Payara's output goes line by line to a sink.
 */
public final class PayaraMicroProcess implements AutoCloseable {

    private static final long STOP_SECONDS = 20;

    /**
     * What to start. {@code jvmOptions} come before {@code -jar}, e.g. {@code -Doauth.*} settings.
     * {@code environment} is added to the inherited one; an empty value removes that variable.
     */
    public record Launch(Path payaraJar, Path war, Path preboot, int port, Optional<Path> rootdir,
                         List<String> jvmOptions, Map<String, String> environment, List<String> payaraOptions) {

        public Launch(Path payaraJar, Path war, Path preboot, int port, Optional<Path> rootdir, List<String> jvmOptions,
                      Map<String, String> environment) {
            this(payaraJar, war, preboot, port, rootdir, jvmOptions, environment, List.of());
        }

        /** The same launch with these Payara Micro options too, e.g. {@code --postbootcommandfile F}. */
        public Launch withPayaraOptions(List<String> options) {
            List<String> all = new ArrayList<>(payaraOptions);
            all.addAll(options);
            return new Launch(payaraJar, war, preboot, port, rootdir, jvmOptions, environment, List.copyOf(all));
        }

        /**
         * As the integration tests run it: the paths and the JVM options of
         * {@code server-config/payara-micro/jvm.properties} that Maven passes to failsafe, configured by the
         * inherited OAUTH_*.
         */
        public static Launch forTests(int port, Path rootdir) {
            return new Launch(Path.of(System.getProperty("payara.microJar")), Path.of(System.getProperty("it.war")),
                    Path.of("server-config/payara-micro/preboot.asadmin").toAbsolutePath(), port,
                    Optional.of(rootdir), words(System.getProperty("payara.jvmOptions", "")), Map.of());
        }

        /** The same launch with these environment variables too (an empty value removes one). */
        public Launch withEnvironment(Map<String, String> variables) {
            Map<String, String> all = new java.util.HashMap<>(environment);
            all.putAll(variables);
            return new Launch(payaraJar, war, preboot, port, rootdir, jvmOptions, Map.copyOf(all), payaraOptions);
        }

        /** JVM options given as one string, as jvm.properties holds them. */
        public static List<String> words(String options) {
            return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
        }

        List<String> command(Path agentJar) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-javaagent:" + agentJar);
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", payaraJar.toString(),
                    "--nocluster", // Hazelcast still listens on *:6900; --nohazelcast changes nothing
                    "--deploy", war.toString(),
                    "--contextroot", "/",
                    "--port", Integer.toString(port),
                    "--prebootcommandfile", preboot.toString())); // binds HTTP to 127.0.0.1
            // The quiet logging beside the preboot file (server-config/payara-micro/logging.properties).
            Path logging = preboot.resolveSibling("logging.properties");
            if (Files.isRegularFile(logging)) {
                command.addAll(List.of("--logproperties", logging.toString()));
            }
            rootdir.ifPresent(dir -> command.addAll(List.of("--rootdir", dir.toString())));
            command.addAll(payaraOptions);
            return command;
        }
    }

    private final Process process;

    private PayaraMicroProcess(Process process) {
        this.process = process;
    }

    /** Starts Payara Micro; every line it prints (stdout and stderr) goes to {@code output}. */
    public static PayaraMicroProcess start(Launch launch, Consumer<String> output) throws IOException {
        Path agent = agentJar(launch.payaraJar().getParent());
        ProcessBuilder builder = new ProcessBuilder(launch.command(agent)).redirectErrorStream(true);
        launch.environment().forEach((name, value) -> {
            if (value.isEmpty()) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        Thread copier = new Thread(() -> copyLines(process.getInputStream(), output), "payara-output");
        copier.setDaemon(true);
        copier.start();
        return new PayaraMicroProcess(process);
    }

    public Process process() {
        return process;
    }

    /** Asks Payara to stop, and kills it if it does not within 20 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void copyLines(InputStream from, Consumer<String> output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.accept(line);
            }
        } catch (IOException e) {
            // The process ended: nothing more to copy.
        }
    }

    /** The agent as a jar beside the Payara jar: an agent must be given as a jar with Premain-Class. */
    static synchronized Path agentJar(Path directory) throws IOException {
        Path jar = directory.resolve("exit-with-parent-agent.jar");
        String entry = ExitWithParentAgent.class.getName().replace('.', '/') + ".class";
        byte[] agentClass;
        try (InputStream in = ExitWithParentAgent.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IOException("cannot read " + entry);
            }
            agentClass = in.readAllBytes();
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", ExitWithParentAgent.class.getName());
        Path written = Files.createTempFile(directory, "agent", ".jar");
        try (OutputStream file = Files.newOutputStream(written);
             JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(agentClass);
            out.closeEntry();
        }
        Files.move(written, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return jar;
    }
}
