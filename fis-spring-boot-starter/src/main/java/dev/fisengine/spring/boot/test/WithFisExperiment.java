package dev.fisengine.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs an experiment around each test of a {@code @SpringBootTest} (with {@code fisengine.enabled=true}): started
 * from the named template of {@code fisengine.templates} before the test method, once its first actions are armed,
 * and stopped after it, when everything it armed is reverted. On a class, it applies to every test method; on a
 * method, it overrides the class's. Handled by {@link FisExperimentTestExecutionListener}, which Spring's test context
 * registers by itself (META-INF/spring.factories).
 *
 * <pre>{@code
 * @SpringBootTest(properties = {"fisengine.enabled=true", "fisengine.templates=classpath:fis/orders-throttle.yaml"})
 * class OrdersResilienceTest {
 *     @Test
 *     @WithFisExperiment("orders-throttle")
 *     void ordersAreQueuedWhileSqsIsThrottled(@Autowired OrderService orders) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface WithFisExperiment {
    /** The template's name (file name without extension, CloudFormation logical id, Terraform address) or id. */
    String value();
}
