package dev.fisengine.spring.boot;

import dev.fisengine.engine.validation.ValidationMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code fisengine.*} properties. Nothing happens unless {@code fisengine.enabled=true}. */
@ConfigurationProperties(prefix = "fisengine")
public class FisEngineProperties {
    /** Whether to create the engine, instrument SDK client builders and offer the Actuator endpoint (off by default). */
    private boolean enabled;
    /** Templates to create at startup: Spring resource locations of create-experiment-template JSON or YAML,
     * CloudFormation (JSON, YAML, CDK output) or terraform show -json files; each template is named by its logical
     * id or Terraform address, or by the file name without extension. */
    private List<String> templates = new ArrayList<>();
    /** What the validator accepts: EMBEDDED (what this engine runs) or STRICT_AWS. */
    private ValidationMode validationMode = ValidationMode.EMBEDDED;
    /** Seed for target selection and fault percentages (repeatable runs); random when not set. */
    private Long seed;
    /** How long starting an experiment (endpoint, test support) waits until its first actions are armed. */
    private Duration startTimeout = Duration.ofSeconds(10);
    private final Plugins plugins = new Plugins();
    private final SafetyLever safetyLever = new SafetyLever();
    private final Log log = new Log();
    private final Sdk sdk = new Sdk();

    /** Where plugins come from; plugin beans (ActionProvider, TargetResolverProvider, StopConditionProvider) always count. */
    public static class Plugins {
        /** Whether plugins on the classpath are found with ServiceLoader as well. */
        private boolean discover = true;

        public boolean isDiscover() {
            return discover;
        }

        public void setDiscover(boolean discover) {
            this.discover = discover;
        }
    }

    /** The safety lever: engaged, it stops every running experiment and refuses new ones. */
    public static class SafetyLever {
        /** Engage the lever when the engine starts (no experiment can run until it is disengaged). */
        private boolean engaged;
        /** Honour the process-wide switch (system property fisengine.safetyLever / FISENGINE_SAFETY_LEVER=engaged). */
        private boolean processSwitch = true;

        public boolean isEngaged() {
            return engaged;
        }

        public void setEngaged(boolean engaged) {
            this.engaged = engaged;
        }

        public boolean isProcessSwitch() {
            return processSwitch;
        }

        public void setProcessSwitch(boolean processSwitch) {
            this.processSwitch = processSwitch;
        }
    }

    /** The FIS experiment log. */
    public static class Log {
        /** Write the FIS experiment log (schema v2) as SLF4J log lines (logger dev.fisengine.experiment). */
        private boolean slf4j = true;

        public boolean isSlf4j() {
            return slf4j;
        }

        public void setSlf4j(boolean slf4j) {
            this.slf4j = slf4j;
        }
    }

    /** AWS SDK v2 client instrumentation. */
    public static class Sdk {
        /** Instrument every SdkClientBuilder bean, so clients built from it are reached by API faults. */
        private boolean instrumentBuilders = true;
        /** The principal role of instrumented clients (what a Roles target selects); the engine's default if unset. */
        private String roleArn;
        /** Per builder bean name, its client's principal role, overriding role-arn. */
        private Map<String, String> roles = new LinkedHashMap<>();

        public boolean isInstrumentBuilders() {
            return instrumentBuilders;
        }

        public void setInstrumentBuilders(boolean instrumentBuilders) {
            this.instrumentBuilders = instrumentBuilders;
        }

        public String getRoleArn() {
            return roleArn;
        }

        public void setRoleArn(String roleArn) {
            this.roleArn = roleArn;
        }

        public Map<String, String> getRoles() {
            return roles;
        }

        public void setRoles(Map<String, String> roles) {
            this.roles = roles;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getTemplates() {
        return templates;
    }

    public void setTemplates(List<String> templates) {
        this.templates = templates;
    }

    public ValidationMode getValidationMode() {
        return validationMode;
    }

    public void setValidationMode(ValidationMode validationMode) {
        this.validationMode = validationMode;
    }

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public Duration getStartTimeout() {
        return startTimeout;
    }

    public void setStartTimeout(Duration startTimeout) {
        this.startTimeout = startTimeout;
    }

    public Plugins getPlugins() {
        return plugins;
    }

    public SafetyLever getSafetyLever() {
        return safetyLever;
    }

    public Log getLog() {
        return log;
    }

    public Sdk getSdk() {
        return sdk;
    }
}
