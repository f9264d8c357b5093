package io.asyncio4j.examples;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * No cycle between the library's packages (aiohttp's {@code tests/test_circular_imports.py} is the anchor): a cycle
 * means two packages that cannot be understood, tested or split into modules apart. Here, in the examples module,
 * because its tests see every library module (core, net, http) as an application does. A package named
 * {@code internal} (and anything under it) counts as part of its parent package: it is the parent's implementation,
 * so the two may use each other. The fixtures under {@code io.asyncio4j.examples.cycles} (test sources, so outside
 * the library check) show the rule failing on a cycle and passing on a package with its internal package.
 */
class PackageCyclesTest {
    /** Each class in the slice of its package, an {@code internal} package (and its sub-packages) in its parent's. */
    static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (!name.startsWith("io.asyncio4j")) {
                return SliceIdentifier.ignore();
            }
            int internal = (name + ".").indexOf(".internal.");
            return SliceIdentifier.of(internal < 0 ? name : name.substring(0, internal));
        }

        @Override
        public String getDescription() {
            return "the packages of io.asyncio4j, an internal package as part of its parent";
        }
    };

    static final ArchRule NO_CYCLES = slices().assignedFrom(PACKAGES).should().beFreeOfCycles();

    @Test
    void theLibraryHasNoPackageCycle() {
        JavaClasses library = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.asyncio4j");
        // The rule sees the library's packages, from the reactor's classes or the jars.
        assertThat(library.stream().map(JavaClass::getPackageName).distinct())
                .contains("io.asyncio4j", "io.asyncio4j.net", "io.asyncio4j.streams", "io.asyncio4j.http",
                        "io.asyncio4j.http.ws", "io.asyncio4j.http.web", "io.asyncio4j.http.json");
        NO_CYCLES.check(library);
    }

    @Test
    void aCycleBetweenTwoPackagesFails() {
        EvaluationResult result = NO_CYCLES.evaluate(new ClassFileImporter()
                .importPackages("io.asyncio4j.examples.cycles.a", "io.asyncio4j.examples.cycles.b"));
        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("io.asyncio4j.examples.cycles.a", "io.asyncio4j.examples.cycles.b");
    }

    @Test
    void aPackageAndItsInternalPackageAreOne() {
        EvaluationResult result = NO_CYCLES.evaluate(new ClassFileImporter()
                .importPackages("io.asyncio4j.examples.cycles.c"));
        assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
    }

    @Test
    void anInternalPackageIsPartOfItsParentInACycle() {
        EvaluationResult result = NO_CYCLES.evaluate(new ClassFileImporter()
                .importPackages("io.asyncio4j.examples.cycles.c", "io.asyncio4j.examples.cycles.d"));
        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("io.asyncio4j.examples.cycles.c", "io.asyncio4j.examples.cycles.d");
    }
}
