package dev.fisengine.api.event;

/** Notified of every experiment state change. Called on engine threads; must not block long or throw. */
@FunctionalInterface
public interface ExperimentListener {
    void onStateChange(ExperimentStateChange change);
}
