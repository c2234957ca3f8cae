package dev.fisengine.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code static void} method of a test class that takes a {@link dev.fisengine.engine.FisEngine.Builder}, to
 * customize the class's engine before it is built: options ({@code stopConditionPollInterval}...), components,
 * listeners, the seed. The extension has already set the clock, plugins, recorder, seed
 * ({@link dev.fisengine.testkit.FisTestkit#DEFAULT_SEED}) and {@link dev.fisengine.testkit.FisTestkit#testOptions()};
 * add plugins with {@link FisPlugins} rather than replacing them here.
 *
 * <pre>{@code
 * @FisEngineSetup
 * static void engine(FisEngine.Builder builder) {
 *     builder.options(FisTestkit.testOptions().toBuilder().stopConditionPollInterval(Duration.ofSeconds(1)).build());
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface FisEngineSetup {}
