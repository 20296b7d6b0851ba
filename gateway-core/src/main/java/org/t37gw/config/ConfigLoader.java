package org.t37gw.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Loads and checks a config file: {@link ConfigSyntax} (stage one, text to a tree of lines) then
 * {@link Binder} (stage two, meaning and cross checks). Never throws for a bad file: every problem is a
 * {@link ConfigError} in the {@link ConfigResult}.
 */
public final class ConfigLoader {

    /** Applications known when the caller passes none. */
    public static final Set<String> DEFAULT_APPLICATIONS = Set.of("fax_on_vfc_onramp_app", "fax_on_vfc_offramp_app");
    /** Resource holding the embedded default config. */
    public static final String EMBEDDED_DEFAULT_RESOURCE = "embedded-default.cfg";

    private ConfigLoader() {
    }

    /** Loads {@code file}, knowing the {@link #DEFAULT_APPLICATIONS}. Errors name the file as given. */
    public static ConfigResult load(Path file) {
        return load(file, DEFAULT_APPLICATIONS);
    }

    /** Loads {@code file}; {@code application} lines must name one of {@code applications}. */
    public static ConfigResult load(Path file, Set<String> applications) {
        String name = file.toString();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            return failed(name, "not valid UTF-8 text");
        } catch (IOException e) {
            return failed(name, "cannot read: " + e);
        }
        return parse(text, name, applications);
    }

    /** Parses config {@code text}; {@code fileName} is used in messages. */
    public static ConfigResult parse(String text, String fileName) {
        return parse(text, fileName, DEFAULT_APPLICATIONS);
    }

    /** Parses config {@code text}; {@code application} lines must name one of {@code applications}. */
    public static ConfigResult parse(String text, String fileName, Set<String> applications) {
        Diagnostics diag = new Diagnostics();
        List<ConfigNode> tree = ConfigSyntax.parse(text, fileName, diag);
        return new Binder(fileName, diag, Set.copyOf(applications)).bind(tree);
    }

    /** The embedded default config (used by {@code t37gw run} without {@code --config}). */
    public static ConfigResult embeddedDefault() {
        return parse(embeddedDefaultText(), EMBEDDED_DEFAULT_RESOURCE);
    }

    /** The text of the embedded default config. */
    public static String embeddedDefaultText() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(EMBEDDED_DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + EMBEDDED_DEFAULT_RESOURCE + " missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + EMBEDDED_DEFAULT_RESOURCE, e);
        }
    }

    private static ConfigResult failed(String file, String message) {
        return new ConfigResult(null, List.of(new ConfigError(file, 0, message)), List.of());
    }
}
