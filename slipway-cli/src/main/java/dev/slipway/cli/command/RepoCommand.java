package dev.slipway.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway repo create}: a model repository from a template, as a git repository with a first commit. */
@Command(name = "repo", mixinStandardHelpOptions = true, description = "Model implementation repositories.",
    subcommands = {RepoCommand.Create.class})
public final class RepoCommand {

  /** The templates, as resources {@code templates/NAME/files.txt} and the files it lists. */
  public enum Template {
    SKLEARN("sklearn"), CUSTOM_SERVER("custom-server"), EMBEDDED_MODEL("embedded-model");

    private final String id;

    Template(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    static Template of(String id) {
      for (final Template t : values()) {
        if (t.id.equals(id)) {
          return t;
        }
      }
      throw new IllegalArgumentException("unknown template '" + id + "': use sklearn, custom-server or embedded-model");
    }
  }

  /** Repository (and deployment, artifact) names: a DNS label. */
  static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  /**
   * The files of {@code template} for {@code name}: relative path → content, {@code ${NAME}} replaced. Each line of
   * {@code files.txt} is {@code PATH} or {@code RESOURCE -> PATH}.
   */
  public static Map<String, String> render(Template template, String name) {
    final String base = "/dev/slipway/cli/templates/" + template.id() + "/";
    final Map<String, String> files = new LinkedHashMap<>();
    for (final String line : resource(base + "files.txt").split("\\R")) {
      final String entry = line.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      final String[] parts = entry.split("\\s*->\\s*", 2);
      final String target = parts.length == 2 ? parts[1] : parts[0];
      files.put(target, resource(base + parts[0]).replace("${NAME}", name));
    }
    return files;
  }

  private static String resource(String path) {
    try (InputStream in = RepoCommand.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("template resource " + path + " is missing from the CLI");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code slipway repo create NAME [--dir DIR] --template T}. */
  @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Create a model repository from a template: its files, git init (branch main), a first commit.",
          "Templates: sklearn (SKLEARN_SERVER + modelUri), custom-server (a reusable Model class published as an "
              + "artifact, model from modelUri), embedded-model (a Model class whose jar holds the model).",
          "Example: slipway repo create iris --template sklearn"})
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Lower-case name: deployment and artifact name.")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to create it. Default: ./NAME.")
    Path dir;

    @Option(names = "--template", required = true, paramLabel = "T",
        description = "sklearn | custom-server | embedded-model")
    String template;

    @Option(names = "--author", paramLabel = "NAME", description = "Default: $GIT_AUTHOR_NAME, else $USER.")
    String author = System.getenv().getOrDefault("GIT_AUTHOR_NAME", System.getenv().getOrDefault("USER", "slipway"));

    @Option(names = "--email", paramLabel = "EMAIL", description = "Default: $GIT_AUTHOR_EMAIL.")
    String email = System.getenv().getOrDefault("GIT_AUTHOR_EMAIL", "");

    @Override
    public Integer call() throws Exception {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("'" + name + "' is not a repository name: lower-case letters, digits and "
            + "'-', at most 63, starting and ending with a letter or digit");
      }
      final Template t = Template.of(template.toLowerCase(Locale.ROOT));
      final Path root = (dir != null ? dir : Path.of(name)).toAbsolutePath().normalize();
      if (Files.exists(root) && (!Files.isDirectory(root) || hasEntries(root))) {
        throw new IllegalArgumentException(root + " already exists and is not an empty folder");
      }
      final Map<String, String> files = render(t, name);
      final List<Path> written = new ArrayList<>();
      for (final Map.Entry<String, String> f : files.entrySet()) {
        final Path target = root.resolve(f.getKey()).normalize();
        if (!target.startsWith(root)) {
          throw new IllegalStateException("template file " + f.getKey() + " escapes the repository");
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
        written.add(target);
      }
      final RevCommit commit;
      try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
        git.add().addFilepattern(".").call();
        final PersonIdent who = new PersonIdent(author, email);
        commit = git.commit().setAuthor(who).setCommitter(who).setSign(false)
            .setMessage("Create " + name + " from the " + t.id() + " template (slipway repo create)").call();
      } catch (GitAPIException e) {
        throw new IllegalStateException("git: " + e.getMessage(), e);
      }
      final var out = spec.commandLine().getOut();
      out.println("created " + root + " (" + t.id() + ", " + written.size() + " files, commit "
          + commit.getId().abbreviate(7).name() + " on main)");
      out.println("next: see " + root.resolve("README.md"));
      return 0;
    }

    private static boolean hasEntries(Path dir) throws IOException {
      try (var list = Files.list(dir)) {
        return list.findAny().isPresent();
      }
    }
  }
}
