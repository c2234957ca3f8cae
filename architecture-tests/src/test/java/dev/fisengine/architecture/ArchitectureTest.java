package dev.fisengine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The module rules of DESIGN.md, in one place. Production classes only (tests may use anything).
 *
 * <ul>
 *   <li>{@code fis-engine} never touches the AWS SDK;</li>
 *   <li>plugin modules never depend on {@code fis-engine};</li>
 *   <li>no module reaches into another module's {@code ..internal..} package;</li>
 *   <li>{@code fis-api} depends on nothing of ours.</li>
 * </ul>
 */
@AnalyzeClasses(packages = "dev.fisengine", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String API = "dev.fisengine.api..";
    private static final String ENGINE = "dev.fisengine.engine..";
    private static final String[] PLUGINS = {"dev.fisengine.aws..", "dev.fisengine.cloudwatch.."};

    @ArchTest
    static final ArchRule engineNeverTouchesTheAwsSdk = noClasses()
            .that().resideInAPackage(ENGINE)
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
            .because("fis-engine is pure Java; AWS specifics live in plugin modules");

    @ArchTest
    static final ArchRule pluginsNeverDependOnTheEngine = noClasses()
            .that().resideInAnyPackage(PLUGINS)
            .should().dependOnClassesThat().resideInAPackage(ENGINE)
            .because("plugins see only fis-api: the SPI and a narrow context, never the engine");

    @ArchTest
    static final ArchRule apiDependsOnNothingOfOurs = noClasses()
            .that().resideInAPackage(API)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.fisengine.engine..", "dev.fisengine.aws..", "dev.fisengine.cloudwatch..", "dev.fisengine.cli..",
                    "dev.fisengine.server..", "dev.fisengine.spring..")
            .because("fis-api is the base every module builds on");

    @ArchTest
    static final ArchRule serverIsTheEngineOverHttpOnly = noClasses()
            .that().resideInAPackage("dev.fisengine.server..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "dev.fisengine.aws..",
                    "dev.fisengine.cloudwatch..", "dev.fisengine.cli..")
            .because("fis-server maps the FIS wire protocol onto FisEngine's public operations, nothing else");

    @ArchTest
    static final ArchRule engineDoesNotKnowTheServer = noClasses()
            .that().resideInAPackage(ENGINE)
            .should().dependOnClassesThat().resideInAPackage("dev.fisengine.server..")
            .because("the server is one client of the engine's public API");

    @ArchTest
    static final ArchRule onlyTheStarterKnowsSpring = noClasses()
            .that().resideOutsideOfPackage("dev.fisengine.spring..")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..")
            .because("Spring is an integration (fis-spring-boot-starter), never a dependency of the engine or plugins");

    @ArchTest
    static final ArchRule noSharedInternalCode = noClasses()
            .should(dependOnAnotherModulesInternals())
            .because("..internal.. packages carry no compatibility promise outside their module");

    /**
     * The module a class belongs to: its package up to the part after {@code dev.fisengine.}; for
     * {@code dev.fisengine.aws.infra} (fis-actions-aws-infra, a module of its own inside the {@code aws} name space)
     * the two parts.
     */
    static String moduleOf(JavaClass c) {
        String[] parts = c.getPackageName().split("\\.");
        if (parts.length > 3 && parts[2].equals("aws") && parts[3].equals("infra")) {
            return "aws.infra";
        }
        return parts.length > 2 ? parts[2] : "";
    }

    private static ArchCondition<JavaClass> dependOnAnotherModulesInternals() {
        return new ArchCondition<>("depend on another module's ..internal.. package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                origin.getDirectDependenciesFromSelf().forEach(dep -> {
                    JavaClass target = dep.getTargetClass();
                    boolean ours = target.getPackageName().startsWith("dev.fisengine.");
                    boolean internal = target.getPackageName().contains(".internal");
                    if (ours && internal && !moduleOf(origin).equals(moduleOf(target))) {
                        events.add(SimpleConditionEvent.violated(dep, dep.getDescription()));
                    }
                });
            }
        };
    }
}
