package dev.fisengine.engine.source;

/** The kinds of file {@link TemplateSources} reads, detected from the content (the file name only breaks ties). */
public enum SourceFormat {
    /** The body of {@code CreateExperimentTemplate} as JSON (what {@code aws fis create-experiment-template} takes). */
    FIS_JSON("FIS create-experiment-template JSON"),
    /** The same document written in YAML (what {@code --cli-input-yaml} takes). */
    FIS_YAML("FIS create-experiment-template YAML"),
    /** A CloudFormation template in JSON with {@code AWS::FIS::ExperimentTemplate} resources. */
    CLOUDFORMATION_JSON("CloudFormation JSON"),
    /** A CloudFormation template in YAML, short-form intrinsics ({@code !Ref}, {@code !Sub}...) included. */
    CLOUDFORMATION_YAML("CloudFormation YAML"),
    /** A CloudFormation template synthesized by the AWS CDK ({@code cdk.out/*.template.json}). */
    CDK("CDK output (CloudFormation JSON)"),
    /** {@code terraform show -json PLANFILE}: {@code planned_values} and {@code resource_changes}. */
    TERRAFORM_PLAN("Terraform plan (terraform show -json)"),
    /** {@code terraform show -json} of a state: {@code values.root_module}. */
    TERRAFORM_STATE("Terraform state (terraform show -json)");

    private final String displayName;

    SourceFormat(String displayName) {
        this.displayName = displayName;
    }

    /** A human name, e.g. {@code CloudFormation YAML}. */
    public String displayName() {
        return displayName;
    }

    /** Whether the format has many templates, each named (a logical id or a Terraform address). */
    public boolean named() {
        return this != FIS_JSON && this != FIS_YAML;
    }
}
