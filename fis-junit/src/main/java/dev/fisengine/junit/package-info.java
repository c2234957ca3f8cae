/**
 * JUnit 5 support: {@link dev.fisengine.junit.FisExperiment} runs an FIS experiment template around each test, with
 * one {@link dev.fisengine.engine.FisEngine} per test class ({@link dev.fisengine.junit.FisExtension}); tests drive and
 * inspect it through {@link dev.fisengine.junit.FisExperimentRun}.
 */
package dev.fisengine.junit;
