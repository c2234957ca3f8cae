/**
 * CloudWatch for the FIS engine: the {@code aws:cloudwatch:alarm} stop condition
 * ({@link dev.fisengine.cloudwatch.CloudWatchAlarmStopConditionProvider}), the
 * {@code aws:cloudwatch:assert-alarm-state} action ({@link dev.fisengine.cloudwatch.AssertAlarmStateActionProvider})
 * and their settings ({@link dev.fisengine.cloudwatch.CloudWatchStopConditionSettings}). Both providers are found by
 * {@link java.util.ServiceLoader}.
 */
package dev.fisengine.cloudwatch;
