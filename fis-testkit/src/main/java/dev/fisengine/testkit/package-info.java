/**
 * Test support for FIS Engine: {@link dev.fisengine.testkit.FisTestkit} (manual clock, test engine options, running an
 * experiment to its end on simulated time), {@link dev.fisengine.testkit.InMemoryStopCondition} (a stop condition a
 * test triggers), {@link dev.fisengine.testkit.ExperimentLogRecorder} and {@link dev.fisengine.testkit.FisAssertions}
 * (AssertJ assertions on experiments and on the FIS experiment log), and
 * {@link dev.fisengine.testkit.ActionProviderCompatibilityKit}, the abstract test every action plugin's tests extend.
 */
package dev.fisengine.testkit;
