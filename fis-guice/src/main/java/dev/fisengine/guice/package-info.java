/**
 * Guice wiring for the FIS engine. {@link dev.fisengine.guice.FisEngineModule} binds the engine (a singleton, also
 * bound as {@link dev.fisengine.api.spi.FisRuntime}) with plugins from Multibinder and {@code ServiceLoader};
 * {@link dev.fisengine.guice.FisClients} binds AWS SDK clients instrumented for the engine's API faults;
 * {@link dev.fisengine.guice.EngineComponent} registers per-engine components. Modules only declare bindings; the
 * engine's lifecycle is the application's ({@code engine.close()}). See {@code docs/guice.md}.
 */
package dev.fisengine.guice;
