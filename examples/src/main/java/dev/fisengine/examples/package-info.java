/**
 * The demo: a small order service using an AWS SDK {@code SqsClient} against ElasticMQ started in the same JVM, run
 * through a real AWS FIS experiment template that throttles and fails its SQS calls, with a live view and a summary
 * of what the faults did ({@link dev.fisengine.examples.FisDemo}, {@code docs/demo.md}). It also shows how to write a
 * stop condition of your own ({@link dev.fisengine.examples.ErrorBudgetStopConditionProvider}).
 */
package dev.fisengine.examples;
