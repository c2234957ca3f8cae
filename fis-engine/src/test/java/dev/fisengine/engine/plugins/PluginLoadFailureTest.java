package dev.fisengine.engine.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.exception.PluginLoadException;
import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.StopConditionContext;
import dev.fisengine.api.spi.StopConditionDescriptor;
import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.api.spi.StopConditionProvider;
import dev.fisengine.engine.FisEngine;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a provider that {@code ServiceLoader} cannot instantiate (the {@code docs/guice.md} example was
 * package-private with an {@code @Inject} constructor) used to fail {@code FisEngine.builder().build()} with the
 * JDK's raw {@link ServiceConfigurationError}. Now the message names the class, the services file and the fix. Each
 * case lists a class in a real {@code META-INF/services} file on a class loader of its own.
 */
class PluginLoadFailureTest {
    private static final String ACTIONS = "META-INF/services/" + ActionProvider.class.getName();

    @TempDir
    Path dir;

    /** Package-private, as the old guice.md example was. */
    static final class PackagePrivateAction extends NoOpAction {
        PackagePrivateAction() {}
    }

    /** Public, but its only constructor takes an argument (an {@code @Inject} constructor). */
    public static final class InjectedAction extends NoOpAction {
        public InjectedAction(String flags) {
            super();
        }
    }

    /** Public with a public no-argument constructor that throws. */
    public static final class ThrowingStopCondition implements StopConditionProvider {
        public ThrowingStopCondition() {
            throw new IllegalStateException("no configuration");
        }

        @Override
        public StopConditionDescriptor descriptor() {
            throw new AssertionError("never built");
        }

        @Override
        public StopConditionMonitor open(StopConditionContext context) {
            throw new AssertionError("never built");
        }
    }

    /** A loadable action, the base of the broken ones. */
    public static class NoOpAction implements ActionProvider {
        @Override
        public ActionDescriptor descriptor() {
            return ActionDescriptor.builder("test:noop").description("Nothing.").build();
        }

        @Override
        public void start(ActionContext context) {}
    }

    private ClassLoader listing(String servicesFile, String className) throws IOException {
        Path file = dir.resolve(servicesFile);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# a user's plugin\n" + className + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void aPackagePrivateClassIsNamedWithItsServicesFileAndTheFix() throws IOException {
        ClassLoader loader = listing(ACTIONS, PackagePrivateAction.class.getName());

        assertThatThrownBy(() -> Plugins.builder().discover(loader))
                .isInstanceOf(PluginLoadException.class)
                .hasCauseInstanceOf(ServiceConfigurationError.class)
                .hasMessageContaining("Cannot load the ActionProvider " + PackagePrivateAction.class.getName()
                        + ", listed in " + ACTIONS + " (found by ServiceLoader)")
                .hasMessageContaining("ServiceLoader needs a public class (top-level, or a public static nested "
                        + "class) with a public no-argument constructor")
                .hasMessageContaining(".action(new PluginLoadFailureTest.PackagePrivateAction(...))")
                .hasMessageContaining("FisEngineModule.actionBinder(binder())")
                .hasMessageContaining("docs/writing-plugins.md");
    }

    @Test
    void aClassWithoutANoArgumentConstructorFailsTheEngineBuildTheSameWay() throws IOException {
        ClassLoader loader = listing(ACTIONS, InjectedAction.class.getName());

        assertThatThrownBy(() -> FisEngine.builder().plugins(Plugins.builder().discover(loader).build()))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining(InjectedAction.class.getName())
                .hasMessageContaining(ACTIONS)
                .hasMessageContaining("public no-argument constructor");
    }

    @Test
    void aMissingClassIsNamed() throws IOException {
        ClassLoader loader = listing(ACTIONS, "com.example.NoSuchAction");

        assertThatThrownBy(() -> Plugins.builder().discover(loader))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("Cannot load the ActionProvider com.example.NoSuchAction, listed in " + ACTIONS)
                .hasMessageContaining("not found");
    }

    @Test
    void aConstructorThatThrowsIsNamedWithItsCause() throws IOException {
        String file = "META-INF/services/" + StopConditionProvider.class.getName();
        ClassLoader loader = listing(file, ThrowingStopCondition.class.getName());

        assertThatThrownBy(() -> Plugins.builder().discover(loader))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("Cannot load the StopConditionProvider " + ThrowingStopCondition.class.getName()
                        + ", listed in " + file)
                .hasMessageContaining("no configuration")
                .hasMessageContaining(".stopCondition(new PluginLoadFailureTest.ThrowingStopCondition(...))")
                .hasMessageContaining("FisEngineModule.stopConditionBinder(binder())");
    }
}
