/**
 * The AWS FIS experiment-template model: records for every member of the FIS API's template shapes
 * (CreateExperimentTemplate request, ExperimentTemplate, targets, actions, stop conditions, options, log and report
 * configuration), bound with Jackson so that reading and writing a template loses nothing.
 *
 * <p>Absent members are {@code null}; present-but-empty members are empty collections, so a round trip reproduces
 * the input. Collections are unmodifiable copies. Member names are exactly the FIS API's JSON names.
 */
package dev.fisengine.api.model;
