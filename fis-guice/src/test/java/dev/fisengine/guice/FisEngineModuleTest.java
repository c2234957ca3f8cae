package dev.fisengine.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import dev.fisengine.api.event.ExperimentLogRecord;
import dev.fisengine.api.event.ExperimentLogSink;
import dev.fisengine.api.event.ExperimentStateChange;
import dev.fisengine.api.exception.PluginConflictException;
import dev.fisengine.api.model.ActionSummary;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.EngineStartHook;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.api.spi.LogDestinationContext;
import dev.fisengine.api.spi.LogDestinationProvider;
import dev.fisengine.api.spi.StopConditionDescriptor;
import dev.fisengine.api.spi.StopConditionMonitor;
import dev.fisengine.api.spi.StopConditionProvider;
import dev.fisengine.api.spi.StopConditionStatus;
import dev.fisengine.api.spi.StopConditionContext;
import dev.fisengine.api.spi.TargetQuery;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.api.spi.TargetTypeDescriptor;
import dev.fisengine.aws.sdk.DefaultPrincipalRole;
import dev.fisengine.aws.sdk.FisSdk;
import dev.fisengine.cloudwatch.CloudWatchStopConditionSettings;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.builtin.WaitActionProvider;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.guice.fixtures.FeatureFlagAction;
import dev.fisengine.guice.fixtures.Templates;
import dev.fisengine.guice.fixtures.TestOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The module's bindings with a real injector: the engine, plugin sets, components and settings. */
class FisEngineModuleTest {
    private final List<FisEngine> engines = new ArrayList<>();

    @AfterEach
    void closeEngines() {
        engines.forEach(FisEngine::close);
    }

    private FisEngine engine(Injector injector) {
        FisEngine engine = injector.getInstance(FisEngine.class);
        engines.add(engine);
        return engine;
    }

    private static FisEngineModule.Builder module() {
        return FisEngineModule.builder().options(TestOptions.options()).clock(new ManualClock()).slf4jLog(false);
    }

    /** An application class that asks for the engine and the plugins' view of it. */
    static final class ChaosController {
        final FisEngine engine;
        final FisRuntime runtime;

        @Inject
        ChaosController(FisEngine engine, FisRuntime runtime) {
            this.engine = engine;
            this.runtime = runtime;
        }
    }

    @Test
    void theEngineIsOneSingletonAlsoBoundAsFisRuntime() {
        Injector injector = Guice.createInjector(module().build());
        FisEngine engine = engine(injector);

        assertThat(injector.getInstance(FisEngine.class)).isSameAs(engine);
        assertThat(injector.getInstance(FisRuntime.class)).isSameAs(engine);
        ChaosController controller = injector.getInstance(ChaosController.class);
        assertThat(controller.engine).isSameAs(engine);
        assertThat(controller.runtime).isSameAs(engine);
        assertThat(injector.getInstance(Plugins.class)).isSameAs(engine.plugins());
    }

    @Test
    void builderSettingsReachTheEngine() {
        ManualClock clock = new ManualClock();
        EngineOptions options = TestOptions.options().toBuilder().region("eu-west-1").accountId("111122223333")
                .build();
        FisEngine engine = engine(Guice.createInjector(FisEngineModule.builder().options(options).clock(clock)
                .seed(7).slf4jLog(false).build()));

        assertThat(engine.options()).isEqualTo(options);
        assertThat(engine.clock()).isSameAs(clock);
        String templateId = engine.createExperimentTemplate(Templates.oneAction("wait", "aws:fis:wait",
                "{\"duration\": \"PT1M\"}")).id();
        assertThat(engine.startExperiment(templateId).arn())
                .startsWith("arn:aws:fis:eu-west-1:111122223333:experiment/EXP");
    }

    @Test
    void sameSeedGivesTheSameIdsInTwoInjectors() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            FisEngine engine = engine(Guice.createInjector(module().seed(42).build()));
            ids.add(engine.createExperimentTemplate(Templates.oneAction("wait", "aws:fis:wait",
                    "{\"duration\": \"PT1M\"}")).id());
        }
        assertThat(ids.get(0)).isEqualTo(ids.get(1));
    }

    @Test
    void boundAndDiscoveredPluginsAreMerged() {
        FisEngine engine = engine(Guice.createInjector(module().build(), new AbstractModule() {
            @Override
            protected void configure() {
                FisEngineModule.actionBinder(binder()).addBinding().to(FeatureFlagAction.class);
            }
        }));

        List<String> actionIds = engine.listActions(100, null).items().stream().map(ActionSummary::id).toList();
        assertThat(actionIds).contains(FeatureFlagAction.ID, // bound
                "aws:fis:wait",                               // discovered: fis-engine
                "aws:cloudwatch:assert-alarm-state",          // discovered: fis-stop-cloudwatch
                "aws:ec2:stop-instances");                    // discovered: fis-actions-aws catalog
        assertThat(engine.plugins().stopCondition("aws:cloudwatch:alarm")).isPresent();
        assertThat(engine.plugins().stopCondition("none")).isPresent();
        assertThat(engine.getAction(FeatureFlagAction.ID).description())
                .isEqualTo("Switches an application feature flag on for the duration.");
    }

    /** A start hook for Guice: records the runtime it ran on. */
    static final class RecordingStartHook implements EngineStartHook {
        final List<String> ranOn = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void onEngineStart(FisRuntime runtime) {
            ranOn.add(runtime.runtimeId());
        }
    }

    /** A log destination for Guice that serves S3 configurations and records nothing (it is only registered). */
    static final class NoLogDestination implements LogDestinationProvider {
        @Override
        public String destination() {
            return S3;
        }

        @Override
        public int order() {
            return 100; // above fis-actions-aws-infra's, should it be on the class path
        }

        @Override
        public ExperimentLogSink open(LogDestinationContext context) {
            return null;
        }
    }

    @Test
    void boundStartHooksRunWhenTheEngineIsBuiltAndBoundLogDestinationsAreItsPlugins() {
        RecordingStartHook hook = new RecordingStartHook();
        FisEngine engine = engine(Guice.createInjector(module().discovery(false).build(), new AbstractModule() {
            @Override
            protected void configure() {
                FisEngineModule.startHookBinder(binder()).addBinding().toInstance(hook);
                FisEngineModule.logDestinationBinder(binder()).addBinding().to(NoLogDestination.class);
            }
        }));

        assertThat(hook.ranOn).containsExactly(engine.runtimeId());
        assertThat(engine.plugins().startHooks()).containsExactly(hook);
        assertThat(engine.plugins().logDestinations()).singleElement().isInstanceOf(NoLogDestination.class);
    }

    @Test
    void withDiscoveryOffOnlyBoundPluginsAreUsed() {
        FisEngine engine = engine(Guice.createInjector(module().discovery(false).build(), new AbstractModule() {
            @Override
            protected void configure() {
                FisEngineModule.actionBinder(binder()).addBinding().to(FeatureFlagAction.class);
            }
        }));

        assertThat(engine.listActions(100, null).items()).extracting(ActionSummary::id)
                .containsExactly(FeatureFlagAction.ID);
        assertThat(engine.plugins().stopConditions()).isEmpty();
        assertThat(engine.plugins().resolvers()).isEmpty();
    }

    @Test
    void aPluginBoundAndDiscoveredIsNoConflict() {
        FisEngine engine = engine(Guice.createInjector(module().build(), new AbstractModule() {
            @Override
            protected void configure() {
                FisEngineModule.actionBinder(binder()).addBinding().toInstance(new WaitActionProvider());
            }
        }));

        assertThat(engine.plugins().action("aws:fis:wait")).containsInstanceOf(WaitActionProvider.class);
    }

    /** Claims aws:fis:wait, which the built-in WaitActionProvider also claims, with the same order. */
    static class MyWait implements ActionProvider {
        @Override
        public ActionDescriptor descriptor() {
            return ActionDescriptor.builder("aws:fis:wait").description("my wait").build();
        }

        @Override
        public void start(ActionContext context) {}
    }

    private static Module conflicting() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                FisEngineModule.actionBinder(binder()).addBinding().to(MyWait.class);
            }
        };
    }

    @Test
    void twoClassesClaimingOneActionIdFailTheEngineNamingBoth() {
        Injector injector = Guice.createInjector(module().build(), conflicting());

        assertThatThrownBy(() -> injector.getInstance(FisEngine.class))
                .isInstanceOf(ProvisionException.class)
                .rootCause()
                .isInstanceOf(PluginConflictException.class)
                .hasMessageContaining("aws:fis:wait")
                .hasMessageContaining(WaitActionProvider.class.getName())
                .hasMessageContaining(MyWait.class.getName());
    }

    @Test
    void inProductionStageAConflictFailsInjectorCreation() {
        assertThatThrownBy(() -> Guice.createInjector(Stage.PRODUCTION, module().build(), conflicting()))
                .isInstanceOfSatisfying(CreationException.class, e -> assertThat(e.getErrorMessages())
                        .isNotEmpty() // once per eager binding that needs the plugins
                        .allSatisfy(m -> assertThat(m.getCause())
                                .isInstanceOf(PluginConflictException.class)
                                .hasMessageContaining(MyWait.class.getName())));
    }

    @Test
    void aHigherOrderBoundPluginReplacesTheDiscoveredOne() {
        FisEngine engine = engine(Guice.createInjector(module().build(), new AbstractModule() {
            @Override
            protected void configure() {
                FisEngineModule.actionBinder(binder()).addBinding().toInstance(new MyWait() {
                    @Override
                    public int order() {
                        return 1;
                    }
                });
            }
        }));

        assertThat(engine.getAction("aws:fis:wait").description()).isEqualTo("my wait");
    }

    static final class ShipResolver implements TargetResolverProvider {
        @Override
        public TargetTypeDescriptor descriptor() {
            return TargetTypeDescriptor.of("myapp:fleet:ship", "Ships of the fleet.");
        }

        @Override
        public List<TargetResource> resolve(TargetQuery query) {
            return List.of(TargetResource.of("arn:aws:myapp:us-east-1:123456789012:ship/one"));
        }
    }

    static final class KillSwitch implements StopConditionProvider {
        @Override
        public StopConditionDescriptor descriptor() {
            return new StopConditionDescriptor("myapp:kill-switch", "Stops when the switch is thrown.", false, null,
                    null);
        }

        @Override
        public StopConditionMonitor open(StopConditionContext context) {
            return new StopConditionMonitor() {
                @Override
                public StopConditionStatus check() {
                    return StopConditionStatus.ok();
                }

                @Override
                public void close() {}
            };
        }
    }

    @Test
    void targetResolversAndStopConditionsAreCollectedThroughTheirMultibinders() {
        FisEngine engine = engine(Guice.createInjector(module().build(), new AbstractModule() {
            @Override
            protected void configure() {
                FisEngineModule.targetResolverBinder(binder()).addBinding().to(ShipResolver.class);
                FisEngineModule.stopConditionBinder(binder()).addBinding().to(KillSwitch.class);
            }
        }));

        assertThat(engine.getTargetResourceType("myapp:fleet:ship").description()).isEqualTo("Ships of the fleet.");
        assertThat(engine.plugins().stopCondition("myapp:kill-switch")).containsInstanceOf(KillSwitch.class);
    }

    @Test
    void boundCloudWatchSettingsAreTheEnginesComponent() {
        CloudWatchStopConditionSettings settings = CloudWatchStopConditionSettings.builder()
                .pollInterval(Duration.ofSeconds(30)).build();
        FisEngine engine = engine(Guice.createInjector(module().build(), new AbstractModule() {
            @Override
            protected void configure() {
                FisCloudWatchSettings.bind(binder(), settings);
            }
        }));

        assertThat(engine.component(CloudWatchStopConditionSettings.class,
                r -> CloudWatchStopConditionSettings.defaults())).isSameAs(settings);
    }

    @Test
    void withoutCloudWatchSettingsThePluginsDefaultApplies() {
        FisEngine engine = engine(Guice.createInjector(module().build()));

        assertThat(engine.component(CloudWatchStopConditionSettings.class,
                r -> CloudWatchStopConditionSettings.defaults()))
                .isSameAs(CloudWatchStopConditionSettings.defaults());
    }

    @Test
    void boundComponentsAreRegisteredOnTheEngine() {
        String role = "arn:aws:iam::123456789012:role/app";
        FisEngine engine = engine(Guice.createInjector(module().build(), new AbstractModule() {
            @Override
            protected void configure() {
                FisEngineModule.componentBinder(binder()).addBinding()
                        .toInstance(EngineComponent.of(DefaultPrincipalRole.class, new DefaultPrincipalRole(role)));
            }
        }));

        assertThat(FisSdk.defaultRoleArn(engine)).isEqualTo(role);
    }

    @Test
    void twoComponentsOfOneTypeFailTheEngine() {
        Injector injector = Guice.createInjector(module().build(), new AbstractModule() {
            @Override
            protected void configure() {
                FisEngineModule.componentBinder(binder()).addBinding().toInstance(EngineComponent.of(
                        DefaultPrincipalRole.class, new DefaultPrincipalRole("arn:aws:iam::1:role/a")));
                FisEngineModule.componentBinder(binder()).addBinding().toInstance(EngineComponent.of(
                        DefaultPrincipalRole.class, new DefaultPrincipalRole("arn:aws:iam::1:role/b")));
            }
        });

        assertThatThrownBy(() -> injector.getInstance(FisEngine.class))
                .isInstanceOf(ProvisionException.class)
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DefaultPrincipalRole.class.getName());
    }

    @Test
    void engineComponentRejectsAValueOfTheWrongType() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Object> wrong = (Class) Integer.class;
        assertThatThrownBy(() -> EngineComponent.of(wrong, "text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EngineComponent.value: java.lang.String is not a java.lang.Integer");
    }

    @Test
    void boundListenersAndLogSinksSeeEveryExperiment() {
        ManualClock clock = new ManualClock();
        List<ExperimentStateChange> changes = new CopyOnWriteArrayList<>();
        List<ExperimentLogRecord> records = new CopyOnWriteArrayList<>();
        FisEngine engine = engine(Guice.createInjector(module().clock(clock).build(), new AbstractModule() {
            @Override
            protected void configure() {
                FisEngineModule.listenerBinder(binder()).addBinding().toInstance(changes::add);
                FisEngineModule.logSinkBinder(binder()).addBinding().toInstance(records::add);
            }
        }));

        String templateId = engine.createExperimentTemplate(Templates.oneAction("wait", "aws:fis:wait",
                "{\"duration\": \"PT1M\"}")).id();
        String id = engine.startExperiment(templateId).id();
        clock.awaitIdle();
        clock.advance(Duration.ofMinutes(1));

        assertThat(engine.getExperiment(id).state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(changes).extracting(c -> c.detail().newState().status())
                .containsExactly("pending", "initiating", "running", "completed");
        assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(r.id()).isEqualTo(id));
    }

    @Test
    void builderRejectsNulls() {
        assertThatThrownBy(() -> FisEngineModule.builder().options(null))
                .isInstanceOf(NullPointerException.class).hasMessage("FisEngineModule.options");
        assertThatThrownBy(() -> FisEngineModule.builder().clock(null))
                .isInstanceOf(NullPointerException.class).hasMessage("FisEngineModule.clock");
        assertThatThrownBy(() -> FisEngineModule.builder().discoveryClassLoader(null))
                .isInstanceOf(NullPointerException.class).hasMessage("FisEngineModule.discoveryClassLoader");
    }
}
