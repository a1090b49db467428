package dev.slipway.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * Sets Slipway's log level before the first logger exists (slf4j-simple reads its configuration once): from
 * {@code --log-level LEVEL} anywhere on the command line, else {@code SLIPWAY_LOG_LEVEL}, else {@code info} for the
 * long-running {@code up} and {@code serve} and {@code warn} for one-shot commands (whose stderr stays quiet). Logs go
 * to stderr; stdout carries only the commands' output. A {@code -Dorg.slf4j.simpleLogger.*} property wins.
 */
final class Logging {

    static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");
    static final String OPTION = "--log-level";
    static final String ACCESS_LOG = "--access-log";
    /** The model server's access log is on when this is {@code true} (what a deployment's annotation sets). */
    static final String ACCESS_LOG_ENV = "SLIPWAY_ACCESS_LOG";

    private static final String SLIPWAY_PACKAGE = "org.slf4j.simpleLogger.log.dev.slipway";
    private static final String ACCESS_LOGGER = "org.slf4j.simpleLogger.log.dev.slipway.serving.access";

    private Logging() {}

    /** Applies the level chosen by {@code args} and {@code env}; a bad level is left to picocli to refuse. */
    static void configure(String[] args, Map<String, String> env) {
        final String level = level(args, env);
        if (level != null && System.getProperty(SLIPWAY_PACKAGE) == null) {
            System.setProperty(SLIPWAY_PACKAGE, level);
        }
        if ((java.util.Arrays.asList(args).contains(ACCESS_LOG) || "true".equalsIgnoreCase(env.get(ACCESS_LOG_ENV)))
                && System.getProperty(ACCESS_LOGGER) == null) {
            System.setProperty(ACCESS_LOGGER, "info");
        }
    }

    /** Refuses a level that is not one of {@link #LEVELS} (the option itself is read by {@link #configure}). */
    static final class LevelConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            final String l = value.trim().toLowerCase(Locale.ROOT);
            if (!LEVELS.contains(l)) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a log level (error, warn, info, debug, trace)");
            }
            return l;
        }
    }

    static @Nullable String level(String[] args, Map<String, String> env) {
        String explicit = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(OPTION) && i + 1 < args.length) {
                explicit = args[i + 1];
            } else if (args[i].startsWith(OPTION + "=")) {
                explicit = args[i].substring(OPTION.length() + 1);
            }
        }
        if (explicit == null) {
            explicit = env.get("SLIPWAY_LOG_LEVEL");
        }
        if (explicit != null) {
            final String l = explicit.trim().toLowerCase(Locale.ROOT);
            return LEVELS.contains(l) ? l : null;
        }
        final String command = args.length == 0 ? "" : args[0];
        return command.equals("up") || command.equals("serve") || command.equals("gateway") ? "info" : "warn";
    }
}
