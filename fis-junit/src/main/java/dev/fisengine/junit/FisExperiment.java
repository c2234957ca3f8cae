package dev.fisengine.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs an FIS experiment template around each test: the template (the JSON {@code aws fis
 * create-experiment-template --cli-input-json} accepts) is created once per test class in the class's engine, the
 * experiment is started before each test (or by the test, {@link StartMode#MANUAL}), and stopped — every fault
 * reverted — after it. The test gets a {@link FisExperimentRun} parameter to drive and inspect it.
 *
 * <pre>{@code
 * @FisExperiment("templates/orders-throttle.json")
 * class OrdersResilienceTest {
 *     @Test
 *     void ordersSurviveThrottling(FisExperimentRun run) {
 *         DynamoDbClient ddb = run.instrument(DynamoDbClient.builder().httpClient(...)).build();
 *         ...
 *         assertThat(run.faultsInjected("dynamodb", "PutItem")).isPositive();
 *         FisAssertions.assertThat(run.awaitCompletion()).isCompleted();
 *     }
 * }
 * }</pre>
 *
 * <p>On a class it applies to every test method (of nested classes too); on a method it replaces the class's.
 * It registers {@link FisExtension}; it can be used as a meta-annotation of your own annotations.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FisExtension.class)
public @interface FisExperiment {
    /** The template, a classpath resource such as {@code templates/orders-throttle.json}. */
    String value();

    /** When the experiment starts: before each test (default) or when the test calls {@code run.start()}. */
    StartMode start() default StartMode.BEFORE_EACH;

    /** The engine's clock; decided by the class (see {@link ClockMode#INHERIT}). */
    ClockMode clock() default ClockMode.INHERIT;

    /**
     * With {@link StartMode#BEFORE_EACH}: run the experiment to its end before the test body, which then asserts on
     * the outcome.
     */
    boolean awaitCompletion() default false;

    /**
     * How long awaiting the experiment (its start with the system clock, its end) may take, as an ISO-8601 duration:
     * simulated time with the manual clock, real time with the system clock. Empty (default): 13 hours of simulated
     * time (beyond FIS's 12-hour experiment limit), or one minute of real time.
     */
    String timeout() default "";
}
