package dev.slipway.controlplane.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.controlplane.ControlPlane;
import dev.slipway.controlplane.TestConfigs;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link MavenRoutes} with the real {@code mvn}: a server repository whose pom is the one of the
 * contract (model API {@code provided} from {@code ${slipway.url}/maven}) builds with {@code mvn -B -q package}
 * against a running {@code slipway up} with {@code --auth} on and no credentials.
 *
 * <p>Offline and hermetic: {@code -Dmaven.repo.local} is a temporary folder (nothing lands in {@code ~/.m2}, so a
 * later run cannot pass on a leftover model API), and a settings file mirrors {@code central} to the local
 * repository of the build running the test ({@code ~/.m2/repository}) read as a file repository: it holds the
 * plugins the Slipway build itself uses. The test checks that the model API mvn resolved is the bytes the server
 * serves, recorded as coming from the repository with id {@code slipway} (so not from that mirror, even when
 * another build left a model API in {@code ~/.m2}).
 */
class MavenBuildTest {

    @TempDir
    Path tmp;

    @Test
    void mvnPackage_resolvesTheModelApiFromSlipwayUp() throws Exception {
        assumeTrue(onPath("mvn"), "mvn is not on PATH");
        // the local repository of the build running this test (surefire passes it), which holds its plugins
        final Path buildRepo = Path.of(System.getProperty(
                "slipway.m2",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        final String version = ModelApiArtifact.version();
        final Path project = project(version);
        final Path settings = Files.writeString(tmp.resolve("settings.xml"), """
        <settings>
          <mirrors>
            <mirror><id>slipway-build-plugins</id><mirrorOf>central</mirrorOf><url>%s</url></mirror>
          </mirrors>
        </settings>
        """.formatted(buildRepo.toUri()));
        final Path localRepo = tmp.resolve("m2-repository");

        try (ControlPlane plane =
                new ControlPlane(TestConfigs.noModelServers(tmp.resolve("data")).withAuth(true)).start()) {
            final ProcessBuilder pb = new ProcessBuilder(
                            "mvn",
                            "-B",
                            "-q",
                            "-s",
                            settings.toString(),
                            "-Dmaven.repo.local=" + localRepo,
                            "-Dslipway.url=http://127.0.0.1:" + plane.apiPort(),
                            "package")
                    .directory(project.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("mvn.log").toFile());
            pb.environment().remove("SLIPWAY_URL"); // the pom's profile would take it
            pb.environment().remove("MAVEN_ARGS");
            final Process mvn = pb.start();
            final boolean finished = mvn.waitFor(90, TimeUnit.SECONDS);
            if (!finished) {
                mvn.destroyForcibly().waitFor();
            }
            final String output = Files.readString(tmp.resolve("mvn.log"), StandardCharsets.UTF_8);
            assertThat(finished).as("mvn did not finish in 90 s:\n" + output).isTrue();
            assertThat(mvn.exitValue()).as(output).isZero();
        }

        try (ZipFile jar = new ZipFile(project.resolve("target/tiny-server.jar").toFile())) {
            assertThat(jar.getEntry("com/example/tiny/TinyServer.class")).isNotNull();
            assertThat(jar.getEntry("dev/slipway/model/Model.class"))
                    .as("provided: not packaged")
                    .isNull();
        }
        // what mvn resolved is what slipway up serves, and it came from the repository with id slipway (its own
        // metadata too): not from the mirror of central, even if ~/.m2 happens to hold a model API
        final String dir = "dev/slipway/slipway-model-api/" + version + "/";
        final Path fetched = localRepo.resolve(dir);
        final MavenRepository served = MavenRepository.ofRunningDistribution();
        for (final String name : List.of(ModelApiArtifact.jarName(version), "slipway-model-api-" + version + ".pom")) {
            assertThat(fetched.resolve(name))
                    .hasBinaryContent(served.file(dir + name).orElseThrow().content());
        }
        // (a snapshot is recorded under its timestamped file name, e.g. slipway-model-api-0.1.0-20250102.030405-1.jar)
        assertThat(Files.readString(fetched.resolve("_remote.repositories")))
                .containsPattern("slipway-model-api-[^>]+\\.jar>slipway=");
        if (version.endsWith("-SNAPSHOT")) {
            assertThat(fetched.resolve("maven-metadata-slipway.xml"))
                    .as("the snapshot's metadata was asked for")
                    .hasBinaryContent(served.file(dir + "maven-metadata.xml")
                            .orElseThrow()
                            .content());
        }
    }

    private Path project(String version) throws Exception {
        final Path dir = Files.createDirectories(tmp.resolve("tiny-server/src/main/java/com/example/tiny"));
        Files.writeString(dir.resolve("TinyServer.java"), """
        package com.example.tiny;

        import dev.slipway.model.Model;
        import dev.slipway.model.Payload;

        public final class TinyServer implements Model {
          @Override
          public Payload predict(Payload input) {
            return input;
          }
        }
        """);
        final Path root = tmp.resolve("tiny-server");
        Files.writeString(root.resolve("pom.xml"), POM.replace("@VERSION@", version));
        return root;
    }

    private static boolean onPath(String command) {
        final String path = System.getenv("PATH");
        return path != null
                && List.of(path.split(File.pathSeparator)).stream()
                        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, command)));
    }

    /** The pom of the contract for a server repository (issue 8), with the model API version of this build. */
    private static final String POM = """
      <?xml version="1.0" encoding="UTF-8"?>
      <project xmlns="http://maven.apache.org/POM/4.0.0"
               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
               xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
        <modelVersion>4.0.0</modelVersion>
        <groupId>com.example</groupId>
        <artifactId>tiny-server</artifactId>
        <version>0.1.0</version>
        <properties>
          <maven.compiler.release>17</maven.compiler.release>
          <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          <project.build.outputTimestamp>2024-01-01T00:00:00Z</project.build.outputTimestamp>
          <slipway.version>@VERSION@</slipway.version>
          <slipway.url>http://127.0.0.1:8080</slipway.url>
        </properties>
        <repositories><repository><id>slipway</id><url>${slipway.url}/maven</url></repository></repositories>
        <profiles><profile><id>slipway-url</id>
          <activation><property><name>env.SLIPWAY_URL</name></property></activation>
          <properties><slipway.url>${env.SLIPWAY_URL}</slipway.url></properties></profile></profiles>
        <dependencies>
          <dependency><groupId>dev.slipway</groupId><artifactId>slipway-model-api</artifactId>
            <version>${slipway.version}</version><scope>provided</scope></dependency>
          <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId>
            <version>5.13.4</version><scope>test</scope></dependency>
        </dependencies>
        <build><finalName>tiny-server</finalName><pluginManagement><plugins>
          <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
          <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
          <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
          <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
          <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-install-plugin</artifactId><version>3.1.3</version></plugin>
          <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-deploy-plugin</artifactId><version>3.1.3</version></plugin>
          <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-clean-plugin</artifactId><version>3.4.0</version></plugin>
          <plugin><groupId>org.codehaus.mojo</groupId><artifactId>exec-maven-plugin</artifactId><version>3.5.0</version></plugin>
        </plugins></pluginManagement></build>
      </project>
      """;
}
