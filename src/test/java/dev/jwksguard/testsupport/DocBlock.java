package dev.jwksguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fenced block of a document, for a test that does what the document tells an operator to do,
 * as it is written there: a renamed logger or a wrong command in the docs fails that test.
 */
public final class DocBlock {

    private static final Pattern FENCED = Pattern.compile("```[\\w-]*\\n(.*?)```", Pattern.DOTALL);

    private DocBlock() {
    }

    /** The first fenced block of {@code document} that contains {@code text}. */
    public static String containing(Path document, String text) {
        try {
            Matcher block = FENCED.matcher(Files.readString(document));
            while (block.find()) {
                if (block.group(1).contains(text)) {
                    return block.group(1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError(document + " has no fenced block with " + text);
    }
}
