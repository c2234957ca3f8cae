package dev.fisengine.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisengine.api.exception.ConflictException;
import dev.fisengine.api.exception.ResourceNotFoundException;
import dev.fisengine.api.exception.ServiceQuotaExceededException;
import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.CreateExperimentTemplateRequest;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentOptions;
import dev.fisengine.api.model.TargetAccountConfiguration;
import dev.fisengine.engine.fixtures.Engines;
import dev.fisengine.engine.fixtures.Templates;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The target-account-configuration operations: FIS allows them only on multi-account templates. */
class TargetAccountConfigurationsTest {
    private final Engines engines = new Engines();
    private final FisEngine engine = engines.build();

    @AfterEach
    void close() {
        engine.close();
    }

    private String template(String accountTargeting) {
        CreateExperimentTemplateRequest r = Templates.template().action("wait", Templates.waitFor("PT1H")).build();
        return engine.createExperimentTemplate(new CreateExperimentTemplateRequest(r.clientToken(), r.description(),
                r.targets(), r.actions(), r.stopConditions(), r.roleArn(), r.tags(), r.logConfiguration(),
                new ExperimentOptions(accountTargeting, null, null), r.experimentReportConfiguration())).id();
    }

    private static String role(String account) {
        return "arn:aws:iam::" + account + ":role/fis";
    }

    @Test
    void singleAccountTemplatesRefuseThem() {
        String t = template(ExperimentOptions.SINGLE_ACCOUNT);
        assertThatThrownBy(() -> engine.createTargetAccountConfiguration(t, "111122223333", role("111122223333"),
                null, null)).isInstanceOf(ValidationException.class).hasMessageContaining("multi-account");
        assertThat(engine.listTargetAccountConfigurations(t, null, null).items()).isEmpty();
    }

    @Test
    void createGetUpdateDeleteWithIdempotencyConflictsAndTheQuota() {
        String t = template(ExperimentOptions.MULTI_ACCOUNT);
        TargetAccountConfiguration a = engine.createTargetAccountConfiguration(t, "111122223333",
                role("111122223333"), "a", "token-1");
        assertThat(engine.createTargetAccountConfiguration(t, "111122223333", role("111122223333"), "a", "token-1"))
                .isEqualTo(a);
        assertThatThrownBy(() -> engine.createTargetAccountConfiguration(t, "444455556666", role("444455556666"),
                null, "token-1")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> engine.createTargetAccountConfiguration(t, "111122223333", role("111122223333"),
                null, null)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> engine.createTargetAccountConfiguration(t, "12345", role("111122223333"), null,
                null)).isInstanceOf(ValidationException.class).hasMessageContaining("/accountId");
        assertThatThrownBy(() -> engine.createTargetAccountConfiguration(t, "444455556666", null, null, null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("/roleArn");
        assertThatThrownBy(() -> engine.createTargetAccountConfiguration("EXTnope", "444455556666",
                role("444455556666"), null, null)).isInstanceOf(ResourceNotFoundException.class);

        assertThat(engine.updateTargetAccountConfiguration(t, "111122223333", null, "b"))
                .isEqualTo(new TargetAccountConfiguration(role("111122223333"), "111122223333", "b"));
        assertThat(engine.getTargetAccountConfiguration(t, "111122223333").description()).isEqualTo("b");
        for (int i = 1; i < TargetAccountConfigurations.QUOTA; i++) {
            String account = String.format("%012d", 900_000_000_000L + i);
            engine.createTargetAccountConfiguration(t, account, role(account), null, null);
        }
        assertThatThrownBy(() -> engine.createTargetAccountConfiguration(t, "999999999999", role("999999999999"),
                null, null)).isInstanceOf(ServiceQuotaExceededException.class);
        assertThat(engine.targetAccountConfigurationsCount(t)).isEqualTo(10);
        Page<TargetAccountConfiguration> first = engine.listTargetAccountConfigurations(t, 4, null);
        assertThat(first.items()).hasSize(4);
        assertThat(first.items().get(0).accountId()).isEqualTo("111122223333");
        assertThat(engine.listTargetAccountConfigurations(t, 100, first.nextToken()).items()).hasSize(6);

        assertThat(engine.deleteTargetAccountConfiguration(t, "111122223333").description()).isEqualTo("b");
        assertThatThrownBy(() -> engine.getTargetAccountConfiguration(t, "111122223333"))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> engine.deleteTargetAccountConfiguration(t, "111122223333"))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(engine.targetAccountConfigurationsCount(t)).isEqualTo(9);
    }

    @Test
    void anExperimentKeepsTheConfigurationsItsTemplateHadWhenItWasCreated() {
        String t = template(ExperimentOptions.MULTI_ACCOUNT);
        engine.createTargetAccountConfiguration(t, "111122223333", role("111122223333"), "before", null);
        engines.clock.advance(Duration.ofSeconds(1));
        Experiment e = engine.startExperiment(t);
        engines.clock.advance(Duration.ofSeconds(1));
        engine.updateTargetAccountConfiguration(t, "111122223333", null, "after");
        engine.createTargetAccountConfiguration(t, "444455556666", role("444455556666"), null, null);

        assertThat(engine.listExperimentTargetAccountConfigurations(e.id(), null).items())
                .containsExactly(new TargetAccountConfiguration(role("111122223333"), "111122223333", "before"));
        assertThat(engine.getExperimentTargetAccountConfiguration(e.id(), "111122223333").description())
                .isEqualTo("before");
        assertThatThrownBy(() -> engine.getExperimentTargetAccountConfiguration(e.id(), "444455556666"))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(engine.targetAccountConfigurationsCount(engine.getExperiment(e.id()))).isEqualTo(1);
        assertThat(engine.targetAccountConfigurationsCount(t)).isEqualTo(2);
        assertThatThrownBy(() -> engine.listExperimentTargetAccountConfigurations("EXPnope", null))
                .isInstanceOf(ResourceNotFoundException.class);

        engine.stopExperiment(e.id());
        engine.deleteExperimentTemplate(t);
        assertThat(engine.listExperimentTargetAccountConfigurations(e.id(), null).items()).hasSize(1);
    }
    @Test
    void aMultiAccountTemplateStartsOnlyWithATargetAccountConfiguration() {
        String t = template(ExperimentOptions.MULTI_ACCOUNT);
        assertThatThrownBy(() -> engine.startExperiment(t)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("multi-account").hasMessageContaining("CreateTargetAccountConfiguration");
        assertThat(engine.listExperiments().items()).isEmpty();
        engine.createTargetAccountConfiguration(t, "111122223333", role("111122223333"), null, null);
        Experiment e = engine.startExperiment(t);
        assertThat(engine.targetAccountConfigurationsCount(e)).isEqualTo(1);
        engine.stopExperiment(e.id());
        engine.deleteTargetAccountConfiguration(t, "111122223333");
        assertThatThrownBy(() -> engine.startExperiment(t)).isInstanceOf(ValidationException.class);
        // a single-account template needs none
        assertThat(engine.startExperiment(template(ExperimentOptions.SINGLE_ACCOUNT)).id()).startsWith("EXP");
    }
}
