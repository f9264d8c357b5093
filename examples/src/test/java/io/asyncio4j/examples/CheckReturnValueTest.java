package io.asyncio4j.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.errorprone.annotations.CheckReturnValue;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.asyncio4j.Awaitable;
import io.asyncio4j.Coro;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, item 1 (a): every method of the library's API that returns a coroutine (a {@link Coro}, or an
 * {@link Awaitable} that may be one) carries Error Prone's {@link CheckReturnValue}, which IDEs and Error Prone read:
 * {@code queue.put(x);} without {@code .await()} is flagged where it is written.
 */
class CheckReturnValueTest {
    /** A return type a caller must await: Coro or Awaitable itself (a Future runs whether awaited or not). */
    static final DescribedPredicate<JavaMethod> RETURNS_A_COROUTINE = new DescribedPredicate<>("return a coroutine") {
        @Override
        public boolean test(JavaMethod m) {
            JavaClass r = m.getRawReturnType();
            return r.isEquivalentTo(Coro.class) || r.isEquivalentTo(Awaitable.class);
        }
    };

    static final ArchRule ANNOTATED = methods().that(RETURNS_A_COROUTINE).and().arePublic()
            .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
            .and().areDeclaredInClassesThat().haveModifier(JavaModifier.PUBLIC)
            .should().beAnnotatedWith(CheckReturnValue.class);

    @Test
    void everyPublicMethodThatReturnsACoroutineIsCheckReturnValue() {
        JavaClasses library = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.asyncio4j");
        JavaClasses api = library.that(new DescribedPredicate<>("the library's, not the examples'") {
            @Override
            public boolean test(JavaClass c) {
                return !c.getPackageName().startsWith("io.asyncio4j.examples")
                        && !c.getPackageName().startsWith("io.asyncio4j.bench");
            }
        });
        long coroutineMethods = api.stream().flatMap(c -> c.getMethods().stream())
                .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC) && RETURNS_A_COROUTINE.test(m)).count();
        assertThat(coroutineMethods).as("the rule sees the API's coroutine methods").isGreaterThan(100);
        ANNOTATED.check(api);
    }

    /** The rule fails for a public coroutine method without the annotation (this class's fixture). */
    @Test
    void theRuleCatchesAMissingAnnotation() {
        JavaClasses fixture = new ClassFileImporter().importClasses(Fixture.class);
        assertThat(ANNOTATED.evaluate(fixture).hasViolation()).isTrue();
    }

    /** A public coroutine method that forgot the annotation. */
    public static final class Fixture {
        public Coro<Void> forgotten() {
            return () -> null;
        }
    }
}
