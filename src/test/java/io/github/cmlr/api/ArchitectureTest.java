package io.github.cmlr.api;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages stay layered: each layer uses only the layers below it. From the bottom:
 * util/linalg/random, model, data and backend (the interface), em and cpu, gpu, predict, the
 * public API (with the backend factory), sweep and bench, and the command line on top.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.cmlr");

    @Test
    void packagesAreLayered() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Foundation").definedBy("io.github.cmlr.util..", "io.github.cmlr.linalg..", "io.github.cmlr.random..")
                .layer("Model").definedBy("io.github.cmlr.model..")
                .layer("Data").definedBy("io.github.cmlr.data..")
                .layer("Backend").definedBy("io.github.cmlr.backend..")
                .layer("Em").definedBy("io.github.cmlr.em..")
                .layer("Cpu").definedBy("io.github.cmlr.cpu..")
                .layer("Gpu").definedBy("io.github.cmlr.gpu..")
                .layer("Predict").definedBy("io.github.cmlr.predict..")
                .layer("Api").definedBy("io.github.cmlr.api..")
                .layer("Sweep").definedBy("io.github.cmlr.sweep..")
                .layer("Bench").definedBy("io.github.cmlr.bench..")
                .layer("Cli").definedBy("io.github.cmlr.cli..")
                .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("Sweep").mayOnlyBeAccessedByLayers("Cli")
                .whereLayer("Bench").mayOnlyBeAccessedByLayers("Cli")
                .whereLayer("Api").mayOnlyBeAccessedByLayers("Sweep", "Bench", "Cli")
                .whereLayer("Predict").mayOnlyBeAccessedByLayers("Api", "Sweep", "Bench", "Cli")
                .whereLayer("Gpu").mayOnlyBeAccessedByLayers("Api", "Sweep", "Bench", "Cli")
                .whereLayer("Cpu").mayOnlyBeAccessedByLayers("Gpu", "Api", "Sweep", "Bench", "Cli")
                .whereLayer("Em").mayOnlyBeAccessedByLayers("Gpu", "Predict", "Api", "Sweep", "Bench", "Cli")
                .whereLayer("Data").mayOnlyBeAccessedByLayers("Cpu", "Gpu", "Predict", "Api", "Sweep", "Bench", "Cli")
                .whereLayer("Backend").mayOnlyBeAccessedByLayers("Em", "Cpu", "Gpu", "Api", "Sweep", "Bench", "Cli")
                .whereLayer("Model").mayOnlyBeAccessedByLayers("Data", "Backend", "Em", "Cpu", "Gpu", "Predict", "Api",
                        "Sweep", "Bench", "Cli")
                .check(MAIN);
    }
}
