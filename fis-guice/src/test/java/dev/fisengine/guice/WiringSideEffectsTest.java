package dev.fisengine.guice;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.guice.fixtures.Templates;
import dev.fisengine.guice.fixtures.TestOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * House style 19: {@code configure()} only declares bindings (no class-path reads, no threads, no provider called);
 * the engine is built when provided and starts threads only when an experiment runs.
 */
class WiringSideEffectsTest {
    private final RecordingClassLoader loader = new RecordingClassLoader();
    private final AtomicInteger pluginsMade = new AtomicInteger();
    private final AtomicInteger clientBuildersMade = new AtomicInteger();
    private final List<FisEngine> engines = new ArrayList<>();

    @AfterEach
    void closeEngines() {
        engines.forEach(FisEngine::close);
    }

    /** Records which resources ServiceLoader asks it for. */
    static final class RecordingClassLoader extends ClassLoader {
        final List<String> lookups = new CopyOnWriteArrayList<>();

        RecordingClassLoader() {
            super(WiringSideEffectsTest.class.getClassLoader());
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            lookups.add(name);
            return super.getResources(name);
        }
    }

    /** An action that completes as soon as it starts. */
    static final class Noop implements ActionProvider {
        static final String ID = "myapp:noop";

        @Override
        public ActionDescriptor descriptor() {
            return ActionDescriptor.builder(ID).description("Does nothing.").build();
        }

        @Override
        public void start(ActionContext context) {}
    }

    private Module[] modules(FisEngineModule engineModule) {
        Module user = new AbstractModule() {
            @Override
            protected void configure() {
                FisEngineModule.actionBinder(binder()).addBinding().toProvider(() -> {
                    pluginsMade.incrementAndGet();
                    return new Noop();
                });
                FisClients.bind(binder(), SqsClient.class, () -> {
                    clientBuildersMade.incrementAndGet();
                    return SqsClient.builder();
                }, b -> b.region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("AKIDTEST", "secret"))));
            }
        };
        return new Module[] {engineModule, user};
    }

    private FisEngineModule.Builder engineModule() {
        return FisEngineModule.builder().options(TestOptions.options()).discoveryClassLoader(loader).slf4jLog(false);
    }

    private static Set<Thread> engineThreads() {
        Set<Thread> threads = Thread.getAllStackTraces().keySet();
        threads.removeIf(t -> !t.getName().startsWith("fis-engine"));
        return threads;
    }

    private static List<String> newThreadNames(Set<Thread> before) {
        Set<Thread> now = engineThreads();
        now.removeAll(before);
        return now.stream().map(Thread::getName).toList();
    }

    @Test
    void configureDeclaresTheBindingsAndCallsNothing() {
        Set<Thread> before = engineThreads();

        List<Element> elements = Elements.getElements(modules(engineModule().build()));

        List<Key<?>> keys = elements.stream().filter(e -> e instanceof com.google.inject.Binding<?>)
                .<Key<?>>map(e -> ((com.google.inject.Binding<?>) e).getKey()).toList();
        assertThat(keys).contains(Key.get(FisEngine.class), Key.get(FisRuntime.class), Key.get(Plugins.class),
                Key.get(SqsClient.class));
        assertThat(pluginsMade).hasValue(0);
        assertThat(clientBuildersMade).hasValue(0);
        assertThat(loader.lookups).as("class-path lookups during configure()").isEmpty();
        assertThat(newThreadNames(before)).isEmpty();
    }

    @Test
    void aToolStageInjectorCreatesNothing() {
        Guice.createInjector(Stage.TOOL, modules(engineModule().build()));

        assertThat(pluginsMade).hasValue(0);
        assertThat(clientBuildersMade).hasValue(0);
        assertThat(loader.lookups).isEmpty();
    }

    @Test
    void inDevelopmentStageTheEngineIsBuiltWhenFirstInjected() {
        Injector injector = Guice.createInjector(modules(engineModule().build()));
        assertThat(pluginsMade).hasValue(0);
        assertThat(loader.lookups).isEmpty();

        engines.add(injector.getInstance(FisEngine.class));

        assertThat(pluginsMade).hasValue(1);
        assertThat(loader.lookups).contains("META-INF/services/dev.fisengine.api.spi.ActionProvider",
                "META-INF/services/dev.fisengine.api.spi.TargetResolverProvider",
                "META-INF/services/dev.fisengine.api.spi.StopConditionProvider");
        assertThat(clientBuildersMade).as("the client is built only when injected").hasValue(0);
    }

    @Test
    void withDiscoveryOffTheClassPathIsNeverRead() {
        Injector injector = Guice.createInjector(modules(engineModule().discovery(false).build()));

        engines.add(injector.getInstance(FisEngine.class));

        assertThat(loader.lookups).isEmpty();
    }

    @Test
    void inProductionStageTheEngineIsBuiltEagerlyButStartsNoThreadUntilAnExperimentRuns() {
        Set<Thread> before = engineThreads();

        Injector injector = Guice.createInjector(Stage.PRODUCTION, modules(engineModule().build()));
        FisEngine engine = injector.getInstance(FisEngine.class); // system clock, owned by the engine
        engines.add(engine);

        assertThat(pluginsMade).as("built during createInjector").hasValue(1);
        assertThat(clientBuildersMade).as("singleton clients are eager too").hasValue(1);
        assertThat(newThreadNames(before)).as("threads started by building the engine").isEmpty();

        String templateId = engine.createExperimentTemplate(Templates.oneAction("noop", Noop.ID, "{}")).id();
        Experiment done = engine.awaitExperiment(engine.startExperiment(templateId).id(), Duration.ofSeconds(10));

        assertThat(done.state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(newThreadNames(before)).anyMatch(n -> n.startsWith(engine.runtimeId() + "-plugin-call-"));
    }
}
