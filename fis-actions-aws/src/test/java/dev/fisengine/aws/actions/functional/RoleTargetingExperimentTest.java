package dev.fisengine.aws.actions.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.fisengine.api.model.ResolvedTarget;
import dev.fisengine.aws.iam.KnownRoles;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.aws.sdk.DefaultPrincipalRole;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.testkit.FisTestkit;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.RequestThrottledException;

/**
 * {@code Roles} targets identified by tags and narrowed by filters, resolved against the engine's {@link KnownRoles}
 * and default principal role, decide which real clients an experiment hits.
 */
@ExtendWith(ElasticMq.class)
class RoleTargetingExperimentTest {
    private static final String ORDERS_API = "arn:aws:iam::123456789012:role/orders/api";
    private static final String ORDERS_WORKER = "arn:aws:iam::123456789012:role/orders/worker";
    private static final String BILLING = "arn:aws:iam::123456789012:role/billing";
    private static final String DEFAULT = "arn:aws:iam::123456789012:role/engine-default";

    private static URI endpoint;
    private final ManualClock clock = new ManualClock();
    private FisEngine engine;
    private SqsClient api;
    private SqsClient worker;
    private SqsClient billing;
    private SqsClient unnamed;
    private String queue;

    @BeforeAll
    static void sqs(ElasticMq.Server sqs) {
        endpoint = sqs.endpoint();
    }

    @BeforeEach
    void engine() {
        engine = FisTestkit.engineBuilder(clock).slf4jLog(false)
                .component(DefaultPrincipalRole.class, new DefaultPrincipalRole(DEFAULT))
                .component(KnownRoles.class, new KnownRoles()
                        .register(ORDERS_API, Map.of("team", "orders"))
                        .register(ORDERS_WORKER, Map.of("team", "orders"))
                        .register(BILLING, Map.of("team", "billing")))
                .build();
        api = Clients.of(endpoint, engine, ORDERS_API).build(SqsClient.builder());
        worker = Clients.of(endpoint, engine, ORDERS_WORKER).build(SqsClient.builder());
        billing = Clients.of(endpoint, engine, BILLING).build(SqsClient.builder());
        unnamed = Clients.of(endpoint, engine, null).build(SqsClient.builder());
        queue = api.createQueue(b -> b.queueName("roles-" + System.identityHashCode(this))).queueUrl();
    }

    @AfterEach
    void close() {
        List.of(api, worker, billing, unnamed).forEach(SqsClient::close);
        engine.close();
    }

    private static String template(String target) {
        return """
                {
                  "description": "Throttle SendMessage of roles selected by tags",
                  "targets": {"Selected": %s},
                  "actions": {
                    "Throttle": {
                      "actionId": "aws:fis:inject-api-throttle-error",
                      "parameters": {"service": "sqs", "operations": "SendMessage", "percentage": "100",
                                     "duration": "PT10M"},
                      "targets": {"Roles": "Selected"}
                    }
                  },
                  "stopConditions": [{"source": "none"}],
                  "roleArn": "arn:aws:iam::123456789012:role/fis-experiments"
                }""".formatted(target);
    }

    private String start(String json) {
        String id = engine.startExperiment(engine.createExperimentTemplate(json).id()).id();
        clock.awaitIdle();
        return id;
    }

    private boolean throttled(SqsClient sqs) {
        try {
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("m"));
            return false;
        } catch (RequestThrottledException e) {
            return true;
        }
    }

    @Test
    void tagsSelectEveryRoleCarryingThem() {
        String id = start(template("""
                {"resourceType": "aws:iam:role", "resourceTags": {"team": "orders"}, "selectionMode": "ALL"}"""));

        assertThat(List.of(throttled(api), throttled(worker), throttled(billing), throttled(unnamed)))
                .containsExactly(true, true, false, false);
        assertThat(engine.listExperimentResolvedTargets(id, null, null, null).items())
                .extracting(ResolvedTarget::targetName, r -> r.targetInformation().get("arn"))
                .containsExactly(tuple("Selected", ORDERS_API),
                        tuple("Selected", ORDERS_WORKER));
    }

    @Test
    void filtersOnRoleNameNarrowATagTarget() {
        start(template("""
                {"resourceType": "aws:iam:role", "resourceTags": {"team": "orders"},
                 "filters": [{"path": "RoleName", "values": ["worker"]}], "selectionMode": "ALL"}"""));

        assertThat(List.of(throttled(api), throttled(worker), throttled(billing)))
                .containsExactly(false, true, false);
        assertThat(ApiFaultRegistry.of(engine).armed().get(0).rule().roleArns()).containsExactly(ORDERS_WORKER);
    }

    @Test
    void theEnginesDefaultRoleIsATargetLikeAnyOther() {
        start(template("""
                {"resourceType": "aws:iam:role", "resourceArns": ["%s"], "selectionMode": "ALL"}"""
                .formatted(DEFAULT)));

        assertThat(throttled(unnamed)).as("a client instrumented without a role has the default one").isTrue();
        assertThat(throttled(api)).isFalse();
        assertThatThrownBy(() -> unnamed.sendMessage(b -> b.queueUrl(queue).messageBody("m")))
                .isExactlyInstanceOf(RequestThrottledException.class);
    }
}
