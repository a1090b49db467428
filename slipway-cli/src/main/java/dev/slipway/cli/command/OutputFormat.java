package dev.slipway.cli.command;

import picocli.CommandLine.Option;

/**
 * {@code -o table|wide|json|yaml}, the one output option of every command that prints objects: {@code table} (also
 * {@code text}) for people, {@code wide} with more columns, {@code json} and {@code yaml} as the API writes the
 * records (through {@link Output}).
 */
final class OutputFormat {

    /** The formats, in {@code -o}'s spelling (case-insensitive). */
    enum Format {
        TABLE,
        TEXT,
        WIDE,
        JSON,
        YAML
    }

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "table (default), wide (more columns), json or yaml.")
    Format format = Format.TABLE;

    /** True for json and yaml: the record itself, not a table. */
    boolean structured() {
        return format == Format.JSON || format == Format.YAML;
    }

    boolean wide() {
        return format == Format.WIDE;
    }
}
