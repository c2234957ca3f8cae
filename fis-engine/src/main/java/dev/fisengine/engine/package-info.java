/**
 * The engine: {@link dev.fisengine.engine.FisEngine} (the FIS operations in Java form), its
 * {@link dev.fisengine.engine.FisEngine.Builder}, {@link dev.fisengine.engine.EngineOptions},
 * {@link dev.fisengine.engine.Quotas}, {@link dev.fisengine.engine.Page} and the default experiment log sink. How it
 * works and what it chose where FIS is not documented: {@code docs/engine.md}.
 */
package dev.fisengine.engine;
