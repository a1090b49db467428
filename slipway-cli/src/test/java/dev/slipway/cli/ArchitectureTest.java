package dev.slipway.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;

/**
 * The dependency rules of STYLE.md, checked on every module's production classes (this module's test class path
 * holds all of them). docs/guardrails.md lists the rules.
 */
@AnalyzeClasses(packages = "dev.slipway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The modules between the model API and shared plumbing below and nothing above: each depends on the next. */
    private static final List<String> MODULES = List.of(
            "dev.slipway.protocol..",
            "dev.slipway.serving..",
            "dev.slipway.storage..",
            "dev.slipway.artifact..",
            "dev.slipway.gitops..",
            "dev.slipway.pipeline..",
            "dev.slipway.kubernetes..",
            "dev.slipway.controlplane..",
            "dev.slipway.client..",
            "dev.slipway.cli..",
            "dev.slipway.api..");

    /** {@link #MODULES} and {@code more}. */
    private static String[] modulesAnd(String... more) {
        return Stream.concat(MODULES.stream(), Stream.of(more)).toArray(String[]::new);
    }

    /** No class of {@code layer} depends on a class of the {@code forbidden} packages. */
    private static ArchRule usesNone(String layer, String... forbidden) {
        return noClasses()
                .that()
                .resideInAPackage(layer)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden);
    }

    /** The model API is what a custom server compiles against: it depends on nothing of ours. */
    @ArchTest
    static final ArchRule modelApiDependsOnNothing =
            usesNone("dev.slipway.model..", modulesAnd("dev.slipway.support..", "dev.slipway.testing.."));

    /** Shared plumbing is below every module: it depends on none of them. */
    @ArchTest
    static final ArchRule supportDependsOnNoModule =
            usesNone("dev.slipway.support..", modulesAnd("dev.slipway.model..", "dev.slipway.runtime.."));

    /** Runtimes are plug-ins found by ServiceLoader: they see the model API (and shared plumbing) only. */
    @ArchTest
    static final ArchRule runtimesUseModelApiOnly = usesNone("dev.slipway.runtime..", modulesAnd());

    /** The wire formats know the model API, nothing that serves or deploys. */
    @ArchTest
    static final ArchRule protocolBelowServing = usesNone(
            "dev.slipway.protocol..",
            "dev.slipway.serving..",
            "dev.slipway.gitops..",
            "dev.slipway.pipeline..",
            "dev.slipway.controlplane..",
            "dev.slipway.client..",
            "dev.slipway.cli..",
            "dev.slipway.runtime..");

    /** GitOps talks to model servers over HTTP and to pipelines not at all. */
    @ArchTest
    static final ArchRule gitopsUsesNeitherServingNorPipelines =
            usesNone("dev.slipway.gitops..", "dev.slipway.serving..", "dev.slipway.pipeline..");

    /** Pipelines run steps as processes: they use neither serving nor GitOps classes. */
    @ArchTest
    static final ArchRule pipelinesUseNeitherServingNorGitops =
            usesNone("dev.slipway.pipeline..", "dev.slipway.serving..", "dev.slipway.gitops..");

    /** Nothing below the control plane reaches up into it or into the CLI. */
    @ArchTest
    static final ArchRule nothingReachesUpIntoControlPlaneOrCli = noClasses()
            .that()
            .resideOutsideOfPackages("dev.slipway.controlplane..", "dev.slipway.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.slipway.controlplane..", "dev.slipway.cli..");

    /** No package cycles, at every package level. */
    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("dev.slipway.(**)").should().beFreeOfCycles();

    /** Constructors, not singletons: no {@code getInstance()}. */
    @ArchTest
    static final ArchRule noGetInstance = methods()
            .that()
            .areDeclaredInClassesThat()
            .resideInAPackage("dev.slipway..")
            .should()
            .notHaveName("getInstance")
            .because("the mains wire everything with constructors (STYLE.md)");

    /** No static mutable state: a static field is final (what it holds should be immutable too). */
    @ArchTest
    static final ArchRule noStaticMutableFields = noFields()
            .that()
            .areStatic()
            .and()
            .areDeclaredInClassesThat()
            .resideInAPackage("dev.slipway..")
            .should()
            .notBeFinal()
            .because("static mutable state is a hidden singleton (STYLE.md: constructors, not singletons)");
}
