package io.trailsentry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shape of {@code udfs}, enforced: packages form layers that only look down, so there is no
 * package cycle, and only the operator packages ({@code flink}, {@code sequence}) import Flink; the
 * rest is plain Java that tests call directly. The map is in each {@code package-info.java} and
 * docs/architecture.md.
 */
class ArchitectureTest {
    static final JavaClasses UDFS =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.trailsentry");

    @Test
    void packagesFormLayersThatOnlyLookDown() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("util")
                .definedBy("io.trailsentry.util..")
                .layer("principal")
                .definedBy("io.trailsentry.principal..")
                .layer("cloudtrail")
                .definedBy("io.trailsentry.cloudtrail..")
                .layer("profile")
                .definedBy("io.trailsentry.profile..")
                .layer("scorer")
                .definedBy("io.trailsentry.scorer..")
                .layer("detect")
                .definedBy("io.trailsentry.detect..")
                .layer("sequence")
                .definedBy("io.trailsentry.sequence..")
                .layer("catalogue")
                .definedBy("io.trailsentry.catalogue..")
                .layer("incident")
                .definedBy("io.trailsentry.incident..")
                .layer("finding")
                .definedBy("io.trailsentry.finding..")
                .layer("policy")
                .definedBy("io.trailsentry.policy..")
                .layer("flink")
                .definedBy("io.trailsentry.flink..")
                .whereLayer("flink")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("policy")
                .mayOnlyBeAccessedByLayers("flink")
                .whereLayer("finding")
                .mayOnlyBeAccessedByLayers("policy", "flink")
                .whereLayer("incident")
                .mayOnlyBeAccessedByLayers("finding", "policy", "flink")
                .whereLayer("catalogue")
                .mayOnlyBeAccessedByLayers("incident", "finding", "policy", "flink")
                .whereLayer("sequence")
                .mayOnlyBeAccessedByLayers("catalogue", "incident", "finding", "policy", "flink")
                .whereLayer("detect")
                .mayOnlyBeAccessedByLayers(
                        "sequence", "catalogue", "incident", "finding", "policy", "flink")
                .whereLayer("scorer")
                .mayOnlyBeAccessedByLayers(
                        "detect", "sequence", "catalogue", "incident", "finding", "policy", "flink")
                .whereLayer("profile")
                .mayOnlyBeAccessedByLayers(
                        "scorer",
                        "detect",
                        "sequence",
                        "catalogue",
                        "incident",
                        "finding",
                        "policy",
                        "flink")
                .whereLayer("cloudtrail")
                .mayOnlyBeAccessedByLayers(
                        "profile",
                        "scorer",
                        "detect",
                        "sequence",
                        "catalogue",
                        "incident",
                        "finding",
                        "policy",
                        "flink")
                .whereLayer("principal")
                .mayOnlyBeAccessedByLayers(
                        "cloudtrail",
                        "profile",
                        "scorer",
                        "detect",
                        "sequence",
                        "catalogue",
                        "incident",
                        "finding",
                        "policy",
                        "flink")
                .check(UDFS);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.trailsentry.(*)..").should().beFreeOfCycles().check(UDFS);
    }

    @Test
    void onlyTheOperatorPackagesImportFlink() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.trailsentry.flink..", "io.trailsentry.sequence..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .because("decisions are plain Java, unit-tested without Flink")
                .check(UDFS);
    }
}
