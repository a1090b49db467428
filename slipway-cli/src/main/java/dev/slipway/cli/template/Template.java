package dev.slipway.cli.template;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The templates: resources {@code templates/ID/files.txt} and the files it lists (see {@link TemplateFiles}). */
public enum Template {
    /** A scikit-learn model served by SKLEARN_SERVER (the quickstart's news classifier). */
    SKLEARN("sklearn", false, false),
    /** A reusable server (a Model class) that loads its model from modelUri; published, tested, registered. */
    CUSTOM_SERVER("custom-server", true, false),
    /** A model served by a registered custom server ({@code implementation: SERVER}, its own modelUri). */
    CUSTOM_SERVER_MODEL("custom-server-model", true, true),
    /** A server whose jar holds its model, trained at build time from data in the repository. */
    EMBEDDED_MODEL("embedded-model", false, false),
    /** A Seldon Python model class with its model, served by the PYTHON runtime (the news classifier). */
    PYTHON_MODEL("python-model", false, false);

    private final String id;
    private final boolean usesServer;
    private final boolean needsServer;

    Template(String id, boolean usesServer, boolean needsServer) {
        this.id = id;
        this.usesServer = usesServer;
        this.needsServer = needsServer;
    }

    public String id() {
        return id;
    }

    /** Whether the template has an implementation name ({@code ${SERVER}}, {@code --server}). */
    public boolean usesServer() {
        return usesServer;
    }

    /** Whether {@code --server} is required (the template uses a server registered elsewhere). */
    public boolean needsServer() {
        return needsServer;
    }

    public static Template of(String id) {
        for (final Template t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("--template: unknown template '" + id + "': use " + ids());
    }

    public static String ids() {
        return Stream.of(values()).map(Template::id).collect(Collectors.joining(", "));
    }
}
