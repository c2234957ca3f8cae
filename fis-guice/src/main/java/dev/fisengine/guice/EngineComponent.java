package dev.fisengine.guice;

import dev.fisengine.engine.FisEngine;
import java.util.Objects;

/**
 * A component registered on the engine when it is built (what {@code FisEngine.Builder.component(type, value)}
 * does), so that plugins asking {@link dev.fisengine.api.spi.FisRuntime#component} for {@code type} get
 * {@code value}. Bind it with {@link FisEngineModule#componentBinder}:
 *
 * <pre>{@code
 * FisEngineModule.componentBinder(binder()).addBinding()
 *         .toInstance(EngineComponent.of(DefaultPrincipalRole.class, new DefaultPrincipalRole(roleArn)));
 * }</pre>
 *
 * <p>Components that are {@link AutoCloseable} are closed by {@link FisEngine#close()}.
 *
 * @param type the type plugins look the component up by
 * @param value the component, an instance of {@code type}
 * @param <T> the component type
 */
public record EngineComponent<T>(Class<T> type, T value) {

    public EngineComponent {
        Objects.requireNonNull(type, "EngineComponent.type");
        Objects.requireNonNull(value, "EngineComponent.value");
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("EngineComponent.value: " + value.getClass().getName()
                    + " is not a " + type.getName());
        }
    }

    public static <T> EngineComponent<T> of(Class<T> type, T value) {
        return new EngineComponent<>(type, value);
    }

    void registerOn(FisEngine.Builder builder) {
        builder.component(type, value);
    }
}
