package dev.slipway.cli.template;

import dev.slipway.gitops.spec.ServerRegistry;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Renders a {@link Template} for one repository: names checked, the implementation name decided, tokens replaced. */
public final class RepositoryTemplates {

    private RepositoryTemplates() {}

    /** Repository (and deployment, artifact) names: a DNS label. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    /**
     * The files of {@code template} for the repository {@code name}, with {@code server} (null: none, or the
     * default {@link #defaultServer} when the template {@link Template#usesServer() uses one}; required when it
     * {@link Template#needsServer() needs one}) and this CLI's version.
     *
     * @throws IllegalArgumentException when the name or the server name is not valid, naming the flag
     */
    public static List<TemplateFiles.RenderedFile> render(Template template, String name, String server) {
        checkName(name);
        final String impl;
        if (!template.usesServer()) {
            if (server != null) {
                throw new IllegalArgumentException("--server: the " + template.id() + " template has no implementation "
                        + "name (only custom-server and custom-server-model do)");
            }
            impl = "";
        } else if (server != null) {
            impl = checkServer(server, "--server " + server);
        } else if (template.needsServer()) {
            throw new IllegalArgumentException("--server IMPL is required by the " + template.id() + " template: the "
                    + "implementation name the server is registered under (slipway servers list)");
        } else {
            impl = checkServer(defaultServer(name), "--server (by default " + defaultServer(name) + ", from the name)");
        }
        return TemplateFiles.render(
                template.id(), new TemplateFiles.Values(name, impl, TemplateFiles.slipwayVersion()));
    }

    /** The implementation name a server repository registers by default: NAME upper-cased, '-' as '_'. */
    public static String defaultServer(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "NAME '" + name + "' is not a repository name: lower-case letters, digits "
                            + "and '-', at most 63, starting and ending with a letter or digit");
        }
    }

    /** {@code server} when the servers registry would accept it as an implementation name; else names {@code flag}. */
    public static String checkServer(String server, String flag) {
        ServerRegistry.nameProblem(server).ifPresent(problem -> {
            throw new IllegalArgumentException(flag + ": " + problem);
        });
        return server;
    }
}
