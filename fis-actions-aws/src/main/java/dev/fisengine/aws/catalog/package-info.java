/**
 * The AWS FIS action and target-resource-type catalog ({@link dev.fisengine.aws.catalog.AwsActionCatalog}) and the
 * providers that stand for the catalog's actions and resource types in the engine:
 * {@link dev.fisengine.aws.catalog.CatalogActionProvider} for actions described for validation only, and
 * {@link dev.fisengine.aws.catalog.ArnTargetResolverProvider} for ARN-identified targets. Both are registered with
 * {@link java.util.ServiceLoader} (one small class per action or resource type, in the internal package) and can be
 * passed explicitly via {@link dev.fisengine.aws.catalog.AwsActionCatalog#catalogActionProviders()} and
 * {@link dev.fisengine.aws.catalog.AwsActionCatalog#arnTargetResolvers()}.
 */
package dev.fisengine.aws.catalog;
