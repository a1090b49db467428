package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.Cli;
import dev.slipway.gitops.sandbox.CaseFile;
import dev.slipway.gitops.sandbox.TestCase;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.pipeline.model.PipelineFile;
import dev.slipway.pipeline.model.PipelineKind;
import dev.slipway.pipeline.model.Step;
import dev.slipway.pipeline.yaml.PipelineYamlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tests for {@code slipway repo create}: every template's files parse and validate, as a git repository. */
class RepoCreateTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(RepoCommand.Template.class)
  void create_writesAValidRepositoryWithOneCommitOnMain(RepoCommand.Template template) throws Exception {
    final Path dir = tmp.resolve("repo");
    final Cli.Run run = Cli.run("repo", "create", "fraud-score", "--dir", dir.toString(), "--template", template.id(),
        "--author", "ana", "--email", "ana@example.com");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("created " + dir.toAbsolutePath(), template.id(), "on main");

    final List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).filter(p -> !dir.relativize(p).startsWith(".git")).toList();
    }
    assertThat(files).extracting(p -> dir.relativize(p).toString())
        .contains("README.md", ".gitignore", "jenkins-x.yml", "deploy/model.yaml", "cases.yaml");
    for (final Path f : files) {
      assertThat(Files.readString(f)).as(f.toString()).doesNotContain("${");
    }

    try (Git git = Git.open(dir.toFile())) {
      assertThat(git.getRepository().getBranch()).isEqualTo("main");
      final List<RevCommit> log = new ArrayList<>();
      git.log().call().forEach(log::add);
      assertThat(log).hasSize(1);
      assertThat(log.get(0).getAuthorIdent().getName()).isEqualTo("ana");
      assertThat(git.status().call().isClean()).isTrue();
    }

    final Manifest manifest = new SpecParser().parse(dir.resolve("deploy/model.yaml"));
    assertThat(manifest.deployment().name()).isEqualTo("fraud-score");
    final List<TestCase> cases = CaseFile.read(dir.resolve("cases.yaml"));
    assertThat(cases).isNotEmpty().allMatch(c -> c.deployment().equals("fraud-score"));
    final PipelineFile pipelines = new PipelineYamlParser().parse(dir.resolve("jenkins-x.yml"));
    final List<Step> release = pipelines.pipeline(PipelineKind.release).orElseThrow().stages().stream()
        .flatMap(s -> s.steps().stream()).toList();
    assertThat(release).anyMatch(s -> s.command().equals("slipway") && s.args().get(0).equals("e2e"))
        .anyMatch(s -> s.command().equals("slipway") && s.args().get(0).equals("promote"));
    assertThat(pipelines.pipeline(PipelineKind.pullRequest)).isPresent();

    if (template == RepoCommand.Template.SKLEARN) {
      assertThat(manifest.resolvedJson()).contains("SKLEARN_SERVER");
    } else {
      assertThat(manifest.resolvedJson()).contains("fraud-score:0.1.0");
      assertThat(release).anyMatch(s -> s.args().containsAll(List.of("artifact", "push", "fraud-score:0.1.0")));
      final var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("pom.xml").toFile());
      assertThat(pom.getElementsByTagName("artifactId").item(0).getTextContent()).isEqualTo("fraud-score");
      final List<String> args = new ArrayList<>(List.of("-d", tmp.resolve("classes").toString(), "-cp",
          System.getProperty("java.class.path")));
      try (Stream<Path> java = Files.walk(dir.resolve("src/main/java"))) {
        java.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
      }
      assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new))).isZero();
      assertThat(tmp.resolve("classes/com/example/server/Server.class")).isRegularFile();
    }
  }

  @Test
  void create_refusesABadNameAnUnknownTemplateAndANonEmptyFolder() throws Exception {
    assertThat(Cli.run("repo", "create", "Bad_Name", "--dir", tmp.resolve("a").toString(), "--template", "sklearn")
        .err()).contains("'Bad_Name' is not a repository name");
    assertThat(Cli.run("repo", "create", "ok", "--dir", tmp.resolve("b").toString(), "--template", "tensorflow")
        .err()).contains("unknown template 'tensorflow'");
    Files.createDirectories(tmp.resolve("c"));
    Files.writeString(tmp.resolve("c/x"), "x");
    final Cli.Run taken = Cli.run("repo", "create", "ok", "--dir", tmp.resolve("c").toString(), "--template", "sklearn");
    assertThat(taken.code()).isEqualTo(2);
    assertThat(taken.err()).contains("already exists and is not an empty folder");
    assertThat(tmp.resolve("a")).doesNotExist();
    assertThat(tmp.resolve("b")).doesNotExist();
  }
}
