package dev.fisengine.guice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: {@code fis-guice} no longer forces {@code fis-stop-cloudwatch} and the CloudWatch client on users (its
 * dependency is optional). The proof: on a class path without them, a Guice injector with {@link FisEngineModule}
 * builds an engine with the plugins it finds; nothing of CloudWatch is there.
 */
class WithoutCloudWatchTest {

    @Test
    void theModuleBuildsAnEngineWithoutFisStopCloudWatchOrTheCloudWatchClient() throws Exception {
        List<URL> urls = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String normalized = entry.replace('\\', '/');
            if (normalized.contains("/fis-stop-cloudwatch/") || normalized.matches(".*/cloudwatch-[^/]*\\.jar")) {
                removed.add(entry);
                continue;
            }
            urls.add(toUrl(entry));
        }
        assertThat(removed).as("the test class path had them to remove").hasSizeGreaterThanOrEqualTo(2);

        try (URLClassLoader isolated = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> guice = isolated.loadClass("com.google.inject.Guice");
            Class<?> moduleType = isolated.loadClass("com.google.inject.Module");
            Class<?> fisModule = isolated.loadClass(FisEngineModule.class.getName());
            Object builder = fisModule.getMethod("builder").invoke(null);
            Object module = builder.getClass().getMethod("build").invoke(builder);
            Object modules = java.lang.reflect.Array.newInstance(moduleType, 1);
            java.lang.reflect.Array.set(modules, 0, module);
            Object injector = guice.getMethod("createInjector", modules.getClass()).invoke(null, modules);
            Class<?> engineType = isolated.loadClass("dev.fisengine.engine.FisEngine");
            Object engine = isolated.loadClass("com.google.inject.Injector").getMethod("getInstance", Class.class)
                    .invoke(injector, engineType);
            try {
                Object plugins = engineType.getMethod("plugins").invoke(engine);
                Class<?> pluginsType = isolated.loadClass("dev.fisengine.engine.plugins.Plugins");
                Method action = pluginsType.getMethod("action", String.class);
                Method stopCondition = pluginsType.getMethod("stopCondition", String.class);
                assertThat(action.invoke(plugins, "aws:fis:wait")).as("built-ins discovered")
                        .isNotEqualTo(java.util.Optional.empty());
                assertThat(action.invoke(plugins, "aws:fis:inject-api-throttle-error")).as("fis-actions-aws discovered")
                        .isNotEqualTo(java.util.Optional.empty());
                assertThat(stopCondition.invoke(plugins, "aws:cloudwatch:alarm")).isEqualTo(java.util.Optional.empty());
                assertThat(loadable(isolated, "dev.fisengine.cloudwatch.CloudWatchStopConditionSettings")).isFalse();
                assertThat(loadable(isolated, "software.amazon.awssdk.services.cloudwatch.CloudWatchClient"))
                        .isFalse();
            } finally {
                Method close = engineType.getMethod("close");
                close.invoke(engine);
            }
        }
    }

    private static boolean loadable(ClassLoader loader, String name) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static URL toUrl(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(entry, e);
        }
    }
}
