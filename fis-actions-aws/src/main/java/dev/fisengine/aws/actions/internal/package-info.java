/**
 * What the API-fault action providers share: the {@code fisengine:sdk:*} descriptors, parameter reading with errors
 * that name the place, and seed derivation. No compatibility promise; never imported from another module.
 */
package dev.fisengine.aws.actions.internal;
