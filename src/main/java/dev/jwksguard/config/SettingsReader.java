package dev.jwksguard.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads and validates raw configuration values, naming the key in every failure. */
public final class SettingsReader {

    private final Function<String, Optional<String>> source;

    /** The application's MicroProfile Config, as every settings family reads it. */
    public static SettingsReader fromMicroProfileConfig() {
        Config config = ConfigProvider.getConfig();
        return new SettingsReader(key -> config.getOptionalValue(key, String.class));
    }

    /** @param source returns the trimmed-or-raw value of a key, empty when it is not set */
    public SettingsReader(Function<String, Optional<String>> source) {
        this.source = source;
    }

    public Optional<String> optional(String key) {
        return source.apply(key).map(String::trim).filter(value -> !value.isEmpty());
    }

    public String required(String key) {
        return optional(key).orElseThrow(() -> new InvalidSettingException(key, "is required but not set"));
    }

    public String string(String key, String fallback) {
        return optional(key).orElse(fallback);
    }

    public List<String> list(String key, String fallback) {
        List<String> values = Arrays.stream(string(key, fallback).split(","))
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .toList();
        if (values.isEmpty()) {
            throw new InvalidSettingException(key, "must list at least one value");
        }
        return values;
    }

    public List<String> requiredList(String key) {
        return list(key, required(key));
    }

    public int integer(String key, int fallback, int min, int max) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw new InvalidSettingException(key, "must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, "must be a whole number, was '" + raw.get() + "'");
        }
    }

    public boolean bool(String key, boolean fallback) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSettingException(key, "must be true or false, was '" + raw.get() + "'");
        };
    }

    public URI httpUri(String key, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
                throw new InvalidSettingException(key, "must be an absolute http(s) URL, was '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(key, "is not a valid URL: '" + value + "'");
        }
    }
}
