package dev.fisengine.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code static} field of a test class whose value adds plugins to the class's engine: an
 * {@link dev.fisengine.api.spi.ActionProvider}, {@link dev.fisengine.api.spi.TargetResolverProvider},
 * {@link dev.fisengine.api.spi.StopConditionProvider}, {@link dev.fisengine.engine.plugins.Plugins}, or an array or
 * {@link Iterable} of them. They come on top of the plugins {@link java.util.ServiceLoader} finds, and replace a
 * discovered plugin with the same key ({@code actionId}, {@code resourceType}, {@code source}). An
 * {@link dev.fisengine.testkit.InMemoryStopCondition} given here is the one the engine and the test use.
 *
 * <pre>{@code
 * @FisPlugins
 * static final ActionProvider ORDERS_OUTAGE = new OrdersOutageAction();
 * }</pre>
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface FisPlugins {}
