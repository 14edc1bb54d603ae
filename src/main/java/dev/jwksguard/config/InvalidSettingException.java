package dev.jwksguard.config;

/** A configuration value is missing or unusable; the message names the key and what is wrong. */
public class InvalidSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidSettingException(String key, String problem) {
        // No stack trace: the message says everything, and a page of frames would bury it.
        super("setting '" + key + "' (environment " + environmentName(key) + ") " + problem, null, false, false);
        this.key = key;
    }

    /** The setting at fault, e.g. {@code oauth.audience}. */
    public String key() {
        return key;
    }

    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }
}
