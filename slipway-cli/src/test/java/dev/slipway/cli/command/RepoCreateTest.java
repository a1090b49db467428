package dev.slipway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.cli.Cli;
import dev.slipway.cli.template.RepositoryTemplates;
import dev.slipway.cli.template.Template;
import dev.slipway.cli.template.TemplateFiles;
import dev.slipway.gitops.sandbox.CaseFile;
import dev.slipway.gitops.sandbox.TestCase;
import dev.slipway.gitops.spec.Manifest;
import dev.slipway.gitops.spec.RegisteredServer;
import dev.slipway.gitops.spec.ServerRegistry;
import dev.slipway.gitops.spec.SpecParser;
import dev.slipway.pipeline.model.PipelineFile;
import dev.slipway.pipeline.model.PipelineKind;
import dev.slipway.pipeline.model.Stage;
import dev.slipway.pipeline.model.Step;
import dev.slipway.pipeline.yaml.PipelineYamlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tests for {@code slipway repo create}: every template renders, parses and validates, as a git repository. */
class RepoCreateTest {

    private static final String NAME = "fraud-score";
    /** The server a custom-server-model repository uses in these tests. */
    private static final String SERVER = "IMAGE_SCORER";

    private static final Path ROOT =
            Path.of(System.getProperty("slipway.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Template.class)
    void create_writesTheTemplateAsAGitRepositoryWithOneCommitOnMain(Template template) throws Exception {
        final Path dir = create(template);

        final List<String> paths = files(dir);
        assertThat(paths)
                .containsExactlyInAnyOrderElementsOf(
                        RepositoryTemplates.render(template, NAME, server(template)).stream()
                                .map(TemplateFiles.RenderedFile::path)
                                .toList());
        assertThat(paths)
                .contains(
                        "README.md",
                        ".gitignore",
                        "jenkins-x.yml",
                        "deploy/SeldonDeployment-" + NAME + ".yaml",
                        "integration/cases.yaml");
        for (final String p : paths) {
            if (!p.endsWith(".joblib")) {
                assertThat(Files.readString(dir.resolve(p)))
                        .as(p)
                        .doesNotContain("${NAME}", "${SERVER}", "${SLIPWAY_VERSION}");
            }
        }
        try (Git git = Git.open(dir.toFile())) {
            assertThat(git.getRepository().getBranch()).isEqualTo("main");
            final List<RevCommit> log = new ArrayList<>();
            git.log().call().forEach(log::add);
            assertThat(log).hasSize(1);
            assertThat(log.get(0).getAuthorIdent().getName()).isEqualTo("ana");
            assertThat(log.get(0).getFullMessage()).contains(template.id());
            assertThat(git.status().call().isClean()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Template.class)
    void render_deploymentParsesAndIntegrationCasesAskIt(Template template) throws Exception {
        final Path dir = write(template);

        final SpecParser parser = new SpecParser()
                .withServers(ServerRegistry.of(
                        List.of(new RegisteredServer(SERVER, "image-scorer:1.2.0", "com.example.server.Server"))));
        final List<Manifest> manifests = parser.parseAll(dir.resolve("deploy"));
        assertThat(manifests).hasSize(1);
        assertThat(manifests.get(0).deployment().name()).isEqualTo(NAME);
        final String json = manifests.get(0).resolvedJson();
        switch (template) {
            case SKLEARN ->
                assertThat(json)
                        .contains("SKLEARN_SERVER", dir.resolve("deploy/model").toString());
            case CUSTOM_SERVER ->
                assertThat(json)
                        .contains(NAME + ":local", dir.resolve("deploy/model").toString());
            case CUSTOM_SERVER_MODEL ->
                assertThat(json)
                        .contains(
                                "image-scorer:1.2.0",
                                dir.resolve("deploy/model").toString());
            case EMBEDDED_MODEL -> assertThat(json).contains(NAME + ":local").doesNotContain("modelUri");
            case PYTHON_MODEL ->
                assertThat(json)
                        .contains("\"PYTHON\"", dir.resolve("deploy/model").toString());
        }
        final List<TestCase> cases = CaseFile.read(dir.resolve("integration/cases.yaml"));
        assertThat(cases).isNotEmpty().allMatch(c -> c.deployment().equals(NAME));
        assertThat(cases.get(0).status()).isEqualTo(200);
        assertThat(cases.get(0).expect()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Template.class)
    void render_pipelinesHaveTheStagesOfTheirUseCase(Template template) throws Exception {
        final PipelineFile pipelines = new PipelineYamlParser().parseRepository(write(template));

        final Map<Template, List<List<String>>> stages = Map.of(
                Template.SKLEARN,
                        List.of(List.of("Test", "Test integration", "Promote"), List.of("Test", "Test integration")),
                Template.CUSTOM_SERVER,
                        List.of(List.of("Build", "Publish", "Test integration", "Register"), List.of("Build")),
                Template.CUSTOM_SERVER_MODEL,
                        List.of(List.of("Test", "Test integration", "Promote"), List.of("Test", "Test integration")),
                Template.EMBEDDED_MODEL,
                        List.of(List.of("Build", "Publish", "Test integration", "Promote"), List.of("Build")),
                Template.PYTHON_MODEL,
                        List.of(List.of("Test", "Test integration", "Promote"), List.of("Test", "Test integration")));
        assertThat(pipelines.pipeline(PipelineKind.release).orElseThrow().stages())
                .extracting(Stage::name)
                .containsExactlyElementsOf(stages.get(template).get(0));
        assertThat(pipelines.pipeline(PipelineKind.pullRequest).orElseThrow().stages())
                .extracting(Stage::name)
                .containsExactlyElementsOf(stages.get(template).get(1));

        final List<String> release = pipelines.pipeline(PipelineKind.release).orElseThrow().stages().stream()
                .flatMap(s -> s.steps().stream())
                .map(RepoCreateTest::commandLine)
                .toList();
        final String image = NAME + "=" + NAME + ":$VERSION";
        final String e2e = "slipway e2e -f deploy --cases integration/cases.yaml --timeout 3m";
        final List<String> promote = List.of(
                "slipway promote --env staging --from deploy", "slipway promote --env production --from deploy");
        final List<String> publish = List.of(
                "mvn -B package",
                "sh -c slipway artifact push " + NAME + ":$VERSION target/" + NAME
                        + ".jar --model-class com.example.server.Server",
                "sh -c " + e2e + " --set-image " + image);
        final List<String> expected = switch (template) {
            case SKLEARN ->
                steps(
                        "slipway test-model --implementation SKLEARN_SERVER --model-uri deploy/model --param"
                                + " method=predict --cases tests/model-cases.yaml",
                        e2e,
                        promote);
            case CUSTOM_SERVER ->
                steps(publish, "sh -c slipway servers register FRAUD_SCORE --image " + NAME + ":$VERSION");
            case CUSTOM_SERVER_MODEL ->
                steps(
                        "slipway test-model --implementation " + server(template)
                                + " --model-uri deploy/model --cases tests/model-cases.yaml",
                        e2e,
                        promote);
            case EMBEDDED_MODEL ->
                steps(
                        publish,
                        promote.stream()
                                .map(c -> "sh -c " + c + " --set-image " + image)
                                .toList());
            case PYTHON_MODEL ->
                steps(
                        "sh -c ${SLIPWAY_PYTHON:-python3} -m pytest -q -p no:cacheprovider tests",
                        "slipway test-model --python deploy/model --cases tests/model-cases.yaml",
                        e2e,
                        promote);
        };
        assertThat(release).containsExactlyElementsOf(expected);
    }

    /** Command lines and lists of them, flattened in order. */
    private static List<String> steps(Object... parts) {
        final List<String> all = new java.util.ArrayList<>();
        for (final Object part : parts) {
            if (part instanceof List<?> list) {
                list.forEach(o -> all.add((String) o));
            } else {
                all.add((String) part);
            }
        }
        return all;
    }

    @Test
    void render_sklearn_modelIsTheBundledNewsClassifierByteForByteAndPassesItsUnitCases() throws Exception {
        final Path dir = write(Template.SKLEARN);

        assertThat(Files.readAllBytes(dir.resolve("deploy/model/model.joblib")))
                .isEqualTo(Files.readAllBytes(ROOT.resolve("examples/models/news-classifier/model.joblib")));
        final Cli.Run unit = Cli.run(
                "test-model",
                "--implementation",
                "SKLEARN_SERVER",
                "--model-uri",
                dir.resolve("deploy/model").toString(),
                "--param",
                "method=predict",
                "--cases",
                dir.resolve("tests/model-cases.yaml").toString());
        assertThat(unit.code()).as(unit.out() + unit.err()).isZero();
        assertThat(unit.out()).contains("PASS").doesNotContain("FAIL");
    }

    @ParameterizedTest
    @EnumSource(
            value = Template.class,
            names = {"CUSTOM_SERVER", "EMBEDDED_MODEL"})
    void render_serverTemplates_pomAsksTheApiOfThisVersionAndKeepsMavensOwnProperties(Template template)
            throws Exception {
        final Path dir = write(template);

        final String version = TemplateFiles.slipwayVersion();
        final var rootPom = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(ROOT.resolve("pom.xml").toFile());
        assertThat(version)
                .isEqualTo(rootPom.getElementsByTagName("version").item(0).getTextContent());
        final String pom = Files.readString(dir.resolve("pom.xml"));
        assertThat(pom)
                .contains(
                        "<artifactId>" + NAME + "</artifactId>",
                        "<finalName>" + NAME + "</finalName>",
                        "<slipway.version>" + version + "</slipway.version>",
                        "<url>${slipway.url}/maven</url>",
                        "<slipway.url>${env.SLIPWAY_URL}</slipway.url>",
                        "<version>${slipway.version}</version>",
                        "<project.build.outputTimestamp>");
        final var doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(dir.resolve("pom.xml").toFile());
        assertThat(doc.getElementsByTagName("artifactId").item(0).getTextContent())
                .isEqualTo(NAME);
        assertThat(Files.readString(dir.resolve("jenkins-x.yml"))).contains(NAME + ":$VERSION");
    }

    @ParameterizedTest
    @EnumSource(
            value = Template.class,
            names = {"CUSTOM_SERVER", "EMBEDDED_MODEL"})
    void render_serverTemplates_javaSourcesAndTestsCompileAgainstTheModelApi(Template template) throws Exception {
        final Path dir = write(template);

        final List<String> args = new ArrayList<>(
                List.of("-d", tmp.resolve("classes").toString(), "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> java = Files.walk(dir.resolve("src"))) {
            java.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)))
                .isZero();
        assertThat(tmp.resolve("classes/com/example/server/Server.class")).isRegularFile();
        assertThat(tmp.resolve("classes/com/example/server/ServerTest.class")).isRegularFile();
    }

    @Test
    void render_customServerModel_usesTheServerGivenAndAModelItLoads() {
        final Map<String, String> files = texts(RepositoryTemplates.render(Template.CUSTOM_SERVER_MODEL, NAME, SERVER));

        assertThat(files.get("deploy/SeldonDeployment-" + NAME + ".yaml"))
                .contains("implementation: " + SERVER, "modelUri: ./model");
        assertThat(files).containsKey("deploy/model/weights.txt");
        assertThat(texts(RepositoryTemplates.render(Template.CUSTOM_SERVER, "image-scorer", SERVER))
                        .get("jenkins-x.yml"))
                .contains("servers register " + SERVER + " --image image-scorer:$VERSION");
    }

    @Test
    void render_textFiles_replaceOnlyTheirThreeTokens() {
        final TemplateFiles.Values values = new TemplateFiles.Values("a", "B", "1.0");

        assertThat(values.apply("${NAME} ${SERVER} ${SLIPWAY_VERSION} ${NAME}")).isEqualTo("a B 1.0 a");
        assertThat(values.apply("${project.version} ${env.NAME} $NAME ${name} $VERSION ${VERSION}"))
                .isEqualTo("${project.version} ${env.NAME} $NAME ${name} $VERSION ${VERSION}");
    }

    @Test
    void defaultServer_isTheNameUpperCasedWithUnderscores() {
        assertThat(RepositoryTemplates.defaultServer("fraud-score-2")).isEqualTo("FRAUD_SCORE_2");
    }

    @Test
    void create_refusesBadNamesTemplatesAndServersNamingTheFlag() {
        assertThat(refused("Bad_Name", "--template", "sklearn")).contains("NAME 'Bad_Name' is not a repository name");
        assertThat(refused("ok", "--template", "tensorflow"))
                .contains("--template: unknown template 'tensorflow'", "custom-server-model");
        assertThat(refused("ok", "--template", "custom-server-model")).contains("--server IMPL is required");
        assertThat(refused("ok", "--template", "custom-server", "--server", "scorer"))
                .contains("--server scorer: the name must be upper-case letters");
        assertThat(refused("ok", "--template", "custom-server-model", "--server", "SKLEARN_SERVER"))
                .contains("--server SKLEARN_SERVER: 'SKLEARN_SERVER' is a prepackaged server's name");
        assertThat(refused("9-lives", "--template", "custom-server"))
                .contains("--server (by default 9_LIVES, from the name): the name must be upper-case letters");
        assertThat(refused("ok", "--template", "sklearn", "--server", "OK")).contains("--server: the sklearn template");
        assertThat(tmp.resolve("r")).doesNotExist();
    }

    @Test
    void create_nonEmptyFolder_isRefusedAndLeftAlone() throws Exception {
        Files.createDirectories(tmp.resolve("c"));
        Files.writeString(tmp.resolve("c/x"), "x");

        final Cli.Run taken =
                Cli.run("repo", "create", "ok", "--dir", tmp.resolve("c").toString(), "--template", "sklearn");

        assertThat(taken.code()).isEqualTo(2);
        assertThat(taken.err()).contains(tmp.resolve("c") + ": not empty");
        assertThat(files(tmp.resolve("c"))).containsExactly("x");
    }

    @Test
    void create_fromAFolder_copiesItsFilesByteForByteWithoutBuildOutputOrGit() throws Exception {
        final Path example = Files.createDirectories(tmp.resolve("example/deploy/model"));
        Files.write(example.resolve("model.onnx"), new byte[] {0, (byte) 0xff, 1, 2});
        Files.writeString(tmp.resolve("example/jenkins-x.yml"), "buildPack: none # ${NAME} stays\n");
        Files.createDirectories(tmp.resolve("example/target/classes"));
        Files.writeString(tmp.resolve("example/target/classes/A.class"), "build output");
        Files.createDirectories(tmp.resolve("example/.git"));
        Files.writeString(tmp.resolve("example/.git/HEAD"), "ref: refs/heads/other");

        final Cli.Run run = Cli.run(
                "repo",
                "create",
                "copied",
                "--dir",
                tmp.resolve("copy").toString(),
                "--from",
                tmp.resolve("example").toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 files");
        assertThat(tmp.resolve("copy/deploy/model/model.onnx")).hasBinaryContent(new byte[] {0, (byte) 0xff, 1, 2});
        assertThat(tmp.resolve("copy/jenkins-x.yml")).hasContent("buildPack: none # ${NAME} stays\n");
        assertThat(tmp.resolve("copy/target")).doesNotExist();
        try (Git git = Git.open(tmp.resolve("copy").toFile())) {
            assertThat(git.getRepository().getBranch()).isEqualTo("main");
            assertThat(git.log().call()).hasSize(1);
        }
    }

    @Test
    void create_fromAFolderWithALink_isRefusedNamingItAndWritesNothing() throws Exception {
        final Path example = Files.createDirectories(tmp.resolve("linked"));
        Files.writeString(example.resolve("ok.txt"), "ok");
        Files.createSymbolicLink(example.resolve("secret"), Path.of("/etc/hostname"));
        assertThat(refused("linked", "--from", example.toString()))
                .contains("--from " + example + ": secret is a link");
        assertThat(refused("ok", "--from", tmp.resolve("nowhere").toString())).contains("not a folder");
        assertThat(refused("ok")).contains("--template T or --from DIR is required");
        assertThat(refused("ok", "--template", "sklearn", "--from", example.toString()))
                .contains("--template T or --from DIR is required (one of them)");
        assertThat(tmp.resolve("r")).doesNotExist();
    }

    @Test
    void push_refusesWhatItCannotHostBeforeAskingTheServer() throws Exception {
        final String nowhere = "http://127.0.0.1:9"; // nothing listens: every refusal comes before the network
        Files.createDirectories(tmp.resolve("plain"));
        Cli.Run run =
                Cli.run("repo", "push", "ok", "--dir", tmp.resolve("plain").toString(), "--server", nowhere);
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("not a git repository");

        try (Git git = Git.init()
                .setDirectory(tmp.resolve("empty").toFile())
                .setInitialBranch("main")
                .call()) {
            assertThat(git.getRepository().getDirectory()).exists();
        }
        run = Cli.run("repo", "push", "ok", "--dir", tmp.resolve("empty").toString(), "--server", nowhere);
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("no branch main to push");

        final Path made = create(Template.SKLEARN);
        try (Git git = Git.open(made.toFile())) {
            git.remoteAdd()
                    .setName("origin")
                    .setUri(new org.eclipse.jgit.transport.URIish("https://example.org/x.git"))
                    .call();
        }
        run = Cli.run("repo", "push", "ok", "--dir", made.toString(), "--server", nowhere);
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("already has a remote origin (https://example.org/x.git)");
        assertThat(Cli.run("repo", "push", "Bad_Name", "--dir", made.toString()).err())
                .contains("NAME 'Bad_Name'");
    }

    @Test
    void write_pathOutsideTheRepository_isRefused() {
        assertThatThrownBy(() -> TemplateFiles.write(
                        tmp.resolve("w"), List.of(new TemplateFiles.RenderedFile("../escape.txt", new byte[0], false))))
                .hasMessageContaining("outside the repository");
        assertThat(tmp.resolve("escape.txt")).doesNotExist();
    }

    private String refused(String... args) {
        final List<String> all = new ArrayList<>(List.of("repo", "create"));
        all.add(args[0]);
        all.addAll(List.of("--dir", tmp.resolve("r").toString()));
        all.addAll(List.of(args).subList(1, args.length));
        final Cli.Run run = Cli.run(all.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        return run.err();
    }

    private Path create(Template template) {
        final Path dir = tmp.resolve("repo");
        final List<String> args = new ArrayList<>(List.of(
                "repo",
                "create",
                NAME,
                "--dir",
                dir.toString(),
                "--template",
                template.id(),
                "--author",
                "ana",
                "--email",
                "ana@example.com"));
        if (server(template) != null) {
            args.addAll(List.of("--server", server(template)));
        }
        final Cli.Run run = Cli.run(args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("created " + dir.toAbsolutePath(), template.id(), "on main");
        return dir;
    }

    private Path write(Template template) {
        final Path dir = tmp.resolve("files");
        TemplateFiles.write(dir, RepositoryTemplates.render(template, NAME, server(template)));
        return dir;
    }

    private static String server(Template template) {
        return template.needsServer() ? SERVER : null;
    }

    private static Map<String, String> texts(List<TemplateFiles.RenderedFile> files) {
        final Map<String, String> m = new java.util.LinkedHashMap<>();
        files.forEach(f -> m.put(f.path(), f.text()));
        return m;
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith(".git/"))
                    .sorted()
                    .toList();
        }
    }

    private static String commandLine(Step step) {
        return String.join(" ", step.argv());
    }
}
