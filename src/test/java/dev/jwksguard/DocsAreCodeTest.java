package dev.jwksguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java example in the README and docs/ is a whole source file of this repository, shown as
 * it is: the build compiles it (against the WAR's classes, or the tests' for a test), and the
 * example test runs in the integration suite. A wrong import or a renamed class fails the build here.
 */
class DocsAreCodeTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile(
            "^(?:public )?(?:final |abstract )?(?:class|record|interface|enum) (\\w+)", Pattern.MULTILINE);

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    /** Where the block's file is, when it names a package and a public type that a source file holds. */
    private static Optional<Path> sourceFile(String block) {
        Matcher pkg = PACKAGE.matcher(block);
        Matcher type = TYPE.matcher(block);
        if (!pkg.find() || !type.find()) {
            return Optional.empty();
        }
        String relative = pkg.group(1).replace('.', '/') + "/" + type.group(1) + ".java";
        return Stream.of("src/main/java/", "src/test/java/").map(root -> Path.of(root + relative))
                .filter(Files::isRegularFile).findFirst();
    }

    private static String normalized(String text) {
        return text.lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("").strip();
    }

    @Test
    void javaExamplesWhenInTheDocsThenEachIsAWholeSourceFileOfTheBuildAsItIs() throws IOException {
        List<String> faults = new ArrayList<>();
        int examples = 0;
        for (Path document : documents()) {
            Matcher block = JAVA_BLOCK.matcher(Files.readString(document));
            while (block.find()) {
                examples++;
                String code = block.group(1);
                int line = (int) Files.readString(document).substring(0, block.start()).lines().count() + 1;
                Optional<Path> file = sourceFile(code);
                if (file.isEmpty()) {
                    faults.add(document + ":" + line + ": a Java example that is no source file of the build"
                            + " (it needs its package line and a public type found under src/main/java or src/test/java)");
                } else if (!normalized(Files.readString(file.get())).equals(normalized(code))) {
                    faults.add(document + ":" + line + ": differs from " + file.get() + ", which the build compiles");
                }
            }
        }
        assertThat(faults).as("Java examples in the docs").isEmpty();
        assertThat(examples).as("Java examples found").isPositive();
    }
}
