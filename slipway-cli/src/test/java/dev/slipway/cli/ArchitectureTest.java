package dev.slipway.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules of STYLE.md, checked on every module's production classes (this module's test class path
 * holds all of them). docs/guardrails.md lists the rules.
 */
@AnalyzeClasses(packages = "dev.slipway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] SLIPWAY_EXCEPT_MODEL_API = {
        "dev.slipway.support..", "dev.slipway.protocol..", "dev.slipway.serving..", "dev.slipway.storage..",
        "dev.slipway.artifact..", "dev.slipway.gitops..", "dev.slipway.pipeline..", "dev.slipway.kubernetes..",
        "dev.slipway.controlplane..", "dev.slipway.client..", "dev.slipway.cli..", "dev.slipway.testing..",
        "dev.slipway.api.."
    };

    /** The model API is what a custom server compiles against: it depends on nothing of ours. */
    @ArchTest
    static final ArchRule modelApiDependsOnNothing = noClasses()
            .that()
            .resideInAPackage("dev.slipway.model..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SLIPWAY_EXCEPT_MODEL_API);

    /** Shared plumbing is below every module: it depends on none of them. */
    @ArchTest
    static final ArchRule supportDependsOnNoModule = noClasses()
            .that()
            .resideInAPackage("dev.slipway.support..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.slipway.model..",
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
                    "dev.slipway.runtime..",
                    "dev.slipway.api..");

    /** Runtimes are plug-ins found by ServiceLoader: they see the model API (and shared plumbing) only. */
    @ArchTest
    static final ArchRule runtimesUseModelApiOnly = noClasses()
            .that()
            .resideInAPackage("dev.slipway.runtime..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
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

    /** The wire formats know the model API, nothing that serves or deploys. */
    @ArchTest
    static final ArchRule protocolBelowServing = noClasses()
            .that()
            .resideInAPackage("dev.slipway.protocol..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.slipway.serving..",
                    "dev.slipway.gitops..",
                    "dev.slipway.pipeline..",
                    "dev.slipway.controlplane..",
                    "dev.slipway.client..",
                    "dev.slipway.cli..",
                    "dev.slipway.runtime..");

    /** GitOps talks to model servers over HTTP and to pipelines not at all. */
    @ArchTest
    static final ArchRule gitopsUsesNeitherServingNorPipelines = noClasses()
            .that()
            .resideInAPackage("dev.slipway.gitops..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.slipway.serving..", "dev.slipway.pipeline..");

    /** Pipelines run steps as processes: they use neither serving nor GitOps classes. */
    @ArchTest
    static final ArchRule pipelinesUseNeitherServingNorGitops = noClasses()
            .that()
            .resideInAPackage("dev.slipway.pipeline..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.slipway.serving..", "dev.slipway.gitops..");

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
