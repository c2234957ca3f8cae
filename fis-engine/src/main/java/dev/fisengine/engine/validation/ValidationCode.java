package dev.fisengine.engine.validation;

import dev.fisengine.api.validation.Finding;
import dev.fisengine.api.validation.Severity;

/**
 * Every stable code the {@link TemplateValidator} emits in {@link Finding#code()}, with its fixed severity. The codes
 * are a public contract (tooling may filter or suppress by them); each is documented in
 * {@code docs/validation-rules.md}.
 */
public enum ValidationCode {
    // --- reading the JSON
    /** The input is not well-formed JSON (the message gives line and column). */
    JSON_MALFORMED("json.malformed", Severity.ERROR),
    /** The input is larger than {@link TemplateValidator#MAX_INPUT_BYTES}. */
    JSON_TOO_LARGE("json.too-large", Severity.ERROR),
    /** Objects/arrays nested deeper than {@link TemplateValidator#MAX_NESTING_DEPTH}. */
    JSON_TOO_DEEP("json.too-deep", Severity.ERROR),
    /** Another reader limit (number length, member-name length) was exceeded. */
    JSON_LIMIT_EXCEEDED("json.limit-exceeded", Severity.ERROR),
    /** The same member appears twice in one object. */
    JSON_DUPLICATE_MEMBER("json.duplicate-member", Severity.ERROR),
    /** The document is not a JSON object. */
    JSON_NOT_OBJECT("json.not-object", Severity.ERROR),

    // --- the shapes of the FIS API model
    /** {@code {"experimentTemplate": {...}}}: the output of get-experiment-template, not create input. */
    TEMPLATE_WRAPPED("template.wrapped", Severity.ERROR),
    /** A member the FIS model does not have (e.g. {@code startAfterDelay}). */
    TEMPLATE_UNKNOWN_MEMBER("template.unknown-member", Severity.ERROR),
    /** A required member is absent (e.g. {@code description}, {@code roleArn}, an action's {@code actionId}). */
    TEMPLATE_MISSING_MEMBER("template.missing-member", Severity.ERROR),
    /** A member has the wrong JSON type (e.g. a number where FIS wants a string) or is null. */
    TEMPLATE_WRONG_TYPE("template.wrong-type", Severity.ERROR),
    /** A string is shorter or longer than the model allows. */
    TEMPLATE_LENGTH("template.length", Severity.ERROR),
    /** A string does not match the model's pattern. */
    TEMPLATE_PATTERN("template.pattern", Severity.ERROR),
    /** A value is not one of the model's enumeration values. */
    TEMPLATE_ENUM("template.enum", Severity.ERROR),
    /** A list or map has more entries than the model allows (e.g. more than 5 resourceArns). */
    TEMPLATE_TOO_MANY("template.too-many", Severity.ERROR),
    /** {@code actions} is empty. */
    TEMPLATE_NO_ACTIONS("template.no-actions", Severity.ERROR),
    /** More than 20 actions (FIS quota L-0BFE6B67). */
    QUOTA_ACTIONS("quota.actions", Severity.ERROR),
    /** More than 5 stop conditions (FIS quota L-872EC72B). */
    QUOTA_STOP_CONDITIONS("quota.stop-conditions", Severity.ERROR),

    // --- actions
    /** No plugin describes this {@code actionId}. */
    ACTION_UNKNOWN("action.unknown", Severity.ERROR),
    /** The action is deprecated in favour of another. */
    ACTION_DEPRECATED("action.deprecated", Severity.WARNING),
    /** Embedded mode: a real FIS action this engine validates but cannot run in-process. */
    ACTION_NOT_EXECUTABLE("action.not-executable", Severity.WARNING),
    /** Strict-AWS mode: an action managed AWS FIS does not have (a {@code fisengine:} extension). */
    ACTION_NOT_IN_AWS("action.not-in-aws", Severity.ERROR),
    /** The action has no target key of that name: {@code Unexpected target "Instances" found in action "X".} */
    ACTION_UNKNOWN_TARGET_KEY("action.unknown-target-key", Severity.ERROR),
    /** A target key the action requires is not given. */
    ACTION_MISSING_TARGET("action.missing-target", Severity.ERROR),
    /** The action names a target that {@code targets} does not define. */
    ACTION_UNKNOWN_TARGET("action.unknown-target", Severity.ERROR),
    /** The referenced target's {@code resourceType} is not one the action's key takes. */
    ACTION_RESOURCE_TYPE_MISMATCH("action.resource-type-mismatch", Severity.ERROR),
    /** The referenced target identifies resources in a way the action forbids (e.g. tags where only ARNs work). */
    ACTION_IDENTIFICATION("action.identification-not-supported", Severity.ERROR),
    /** A parameter the action does not take. */
    ACTION_UNKNOWN_PARAMETER("action.unknown-parameter", Severity.ERROR),
    /** A parameter the action requires is not given. */
    ACTION_MISSING_PARAMETER("action.missing-parameter", Severity.ERROR),
    /**
     * The action's own plugin warns about a parameter ({@code ActionProvider.validate}): something its descriptor
     * cannot express, e.g. an operation the service does not have, so the fault can never hit it.
     */
    ACTION_PLUGIN_CHECK("action.plugin-check", Severity.WARNING),
    /** {@code startAfter} names an action the template does not have. */
    ACTION_START_AFTER_UNKNOWN("action.start-after-unknown", Severity.ERROR),
    /** {@code startAfter} links form a cycle (including an action starting after itself). */
    ACTION_START_AFTER_CYCLE("action.start-after-cycle", Severity.ERROR),

    // --- parameter values (actions and targets)
    /** Not an ISO-8601 duration such as {@code PT5M}. */
    PARAMETER_NOT_A_DURATION("parameter.not-a-duration", Severity.ERROR),
    /** A duration outside the action's bounds for the mode. */
    PARAMETER_DURATION_OUT_OF_RANGE("parameter.duration-out-of-range", Severity.ERROR),
    /** Not a whole number. */
    PARAMETER_NOT_AN_INTEGER("parameter.not-an-integer", Severity.ERROR),
    /** Not a decimal number. */
    PARAMETER_NOT_A_NUMBER("parameter.not-a-number", Severity.ERROR),
    /** A number (e.g. a percentage) outside its bounds. */
    PARAMETER_OUT_OF_RANGE("parameter.out-of-range", Severity.ERROR),
    /** Not {@code true} or {@code false}. */
    PARAMETER_NOT_A_BOOLEAN("parameter.not-a-boolean", Severity.ERROR),
    /** Not one of the accepted values (in strict-AWS mode: the values AWS FIS accepts). */
    PARAMETER_NOT_ALLOWED("parameter.not-allowed-value", Severity.ERROR),
    /** A list with more items than allowed. */
    PARAMETER_TOO_MANY_ITEMS("parameter.too-many-items", Severity.ERROR),
    /** The value (for lists: an item) does not match the parameter's pattern (e.g. an SDK service id). */
    PARAMETER_PATTERN_MISMATCH("parameter.pattern-mismatch", Severity.ERROR),
    /** Not a JSON document where one is expected (e.g. {@code documentParameters}). */
    PARAMETER_NOT_JSON("parameter.not-json", Severity.ERROR),

    // --- ARNs and placeholders
    /** Not an ARN ({@code arn:partition:service:region:account:resource}). */
    ARN_MALFORMED("arn.malformed", Severity.ERROR),
    /** {@code roleArn} is not an IAM role ARN. */
    ARN_NOT_A_ROLE("arn.not-a-role", Severity.ERROR),
    /** Embedded mode: {@code roleArn} is not a usable IAM role ARN; the engine does not assume it, so a warning. */
    ROLE_ARN_UNUSED("arn.role-unused", Severity.WARNING),
    /** An ARN with a template-generator placeholder ({@code <ACCOUNT_ID>}, {@code ${AWS::AccountId}}, ...). */
    ARN_PLACEHOLDER("arn.placeholder", Severity.WARNING),
    /** Strict-AWS mode: an ARN in the documentation example account 123456789012. */
    ARN_EXAMPLE_ACCOUNT("arn.example-account", Severity.WARNING),
    /** A non-ARN value with a placeholder ({@code <YOUR TARGET AZ>}, {@code ${REGION}}, {@code {{ x }}}). */
    VALUE_PLACEHOLDER("value.placeholder", Severity.WARNING),

    // --- targets
    /** No plugin knows this {@code resourceType}. */
    TARGET_UNKNOWN_RESOURCE_TYPE("target.unknown-resource-type", Severity.ERROR),
    /** The resource type is deprecated in favour of another. */
    TARGET_DEPRECATED_RESOURCE_TYPE("target.deprecated-resource-type", Severity.WARNING),
    /** {@code You cannot specify both resource ARNs and resource tags for target T.} */
    TARGET_ARNS_AND_TAGS("target.arns-and-tags", Severity.ERROR),
    /** ARNs and filters together. */
    TARGET_ARNS_AND_FILTERS("target.arns-and-filters", Severity.ERROR),
    /** Neither ARNs, tags nor (for types that take them) identifying parameters. */
    TARGET_NO_IDENTIFICATION("target.no-identification", Severity.ERROR),
    /** {@code TargetResourceType aws:eks:pod does not support resourceArns.} */
    TARGET_IDENTIFICATION("target.identification-not-supported", Severity.ERROR),
    /** A target parameter the resource type does not take. */
    TARGET_UNKNOWN_PARAMETER("target.unknown-parameter", Severity.ERROR),
    /** A target parameter the resource type requires is not given. */
    TARGET_MISSING_PARAMETER("target.missing-parameter", Severity.ERROR),
    /** {@code selectionMode} is not {@code ALL}, {@code COUNT(n)} (n ≥ 1) or {@code PERCENT(n)} (1..100). */
    TARGET_SELECTION_MODE("target.selection-mode", Severity.ERROR),
    /** More ARNs (with ALL) or a larger COUNT than the action's per-target quota. */
    TARGET_EXCEEDS_QUOTA("target.exceeds-resource-quota", Severity.WARNING),
    /** A filter path segment that is not PascalCase (FIS paths are PascalCase even where Describe is camelCase). */
    TARGET_FILTER_PATH_CASE("target.filter-path-case", Severity.WARNING),
    /** A target no action uses. */
    TARGET_UNUSED("target.unused", Severity.WARNING),

    // --- stop conditions
    /** {@code stopConditions} is empty: FIS needs at least one ({@code [{"source": "none"}]}). */
    STOP_CONDITION_EMPTY("stop-condition.empty", Severity.ERROR),
    /** No plugin knows this {@code source}. */
    STOP_CONDITION_UNKNOWN_SOURCE("stop-condition.unknown-source", Severity.ERROR),
    /** Strict-AWS mode: a source other than {@code none} and {@code aws:cloudwatch:alarm}. */
    STOP_CONDITION_NOT_IN_AWS("stop-condition.not-in-aws", Severity.ERROR),
    /** The source requires a {@code value} (e.g. the alarm ARN). */
    STOP_CONDITION_MISSING_VALUE("stop-condition.missing-value", Severity.ERROR),
    /** A {@code value} the source does not use (e.g. with {@code none}). */
    STOP_CONDITION_VALUE_IGNORED("stop-condition.value-ignored", Severity.WARNING),
    /** The value does not have the source's format (e.g. not a CloudWatch alarm ARN). */
    STOP_CONDITION_INVALID_VALUE("stop-condition.invalid-value", Severity.ERROR),

    // --- log and report configuration, options
    /** {@code logSchemaVersion} is not 1 or 2. */
    LOG_SCHEMA_VERSION("log.schema-version", Severity.ERROR),
    /** {@code logConfiguration} with neither CloudWatch Logs nor S3 destination. */
    LOG_NO_DESTINATION("log.no-destination", Severity.WARNING),
    /** {@code preExperimentDuration} / {@code postExperimentDuration} is not an ISO-8601 duration. */
    REPORT_DURATION("report.invalid-duration", Severity.ERROR),

    // --- the validator itself
    /** More findings than the validator reports for one document; the rest were dropped. */
    VALIDATION_TRUNCATED("validation.truncated", Severity.WARNING),
    /** A bug in the validator (it never throws; this finding says what went wrong). */
    INTERNAL("internal", Severity.ERROR);

    private final String code;
    private final Severity severity;

    ValidationCode(String code, Severity severity) {
        this.code = code;
        this.severity = severity;
    }

    /** The stable code string used in {@link Finding#code()}. */
    public String code() {
        return code;
    }

    /** The severity every finding with this code has. */
    public Severity severity() {
        return severity;
    }

    /** A finding with this code. */
    public Finding finding(String path, String message) {
        return new Finding(severity, code, path, message);
    }
}
