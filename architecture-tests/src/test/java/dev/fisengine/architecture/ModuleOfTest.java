package dev.fisengine.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The rules above are only as good as the module mapping they use; check it, and check that a violation is seen. */
class ModuleOfTest {
    @Test
    void mapsPackagesToModules() {
        var classes = new ClassFileImporter().importClasses(
                dev.fisengine.api.spi.ActionProvider.class, dev.fisengine.engine.plugins.Plugins.class);
        assertThat(ArchitectureTest.moduleOf(classes.get(dev.fisengine.api.spi.ActionProvider.class))).isEqualTo("api");
        assertThat(ArchitectureTest.moduleOf(classes.get(dev.fisengine.engine.plugins.Plugins.class)))
                .isEqualTo("engine");
        var aws = new ClassFileImporter().importClasses(dev.fisengine.aws.catalog.AwsActionCatalog.class,
                dev.fisengine.aws.infra.internal.Actions.class);
        assertThat(ArchitectureTest.moduleOf(aws.get(dev.fisengine.aws.catalog.AwsActionCatalog.class)))
                .isEqualTo("aws");
        assertThat(ArchitectureTest.moduleOf(aws.get(dev.fisengine.aws.infra.internal.Actions.class)))
                .as("fis-actions-aws-infra is a module of its own").isEqualTo("aws.infra");
    }

    @Test
    void theEngineRuleFlagsAnSdkDependency() {
        var classes = new ClassFileImporter().importClasses(ViolatesEngineRule.class);
        var rule = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..");
        assertThat(rule.evaluate(classes).hasViolation()).isTrue();
    }

    /** A class that uses the SDK, to prove the rule's shape detects it. */
    static final class ViolatesEngineRule {
        software.amazon.awssdk.core.SdkBytes bytes() {
            return software.amazon.awssdk.core.SdkBytes.fromUtf8String("x");
        }
    }
}
