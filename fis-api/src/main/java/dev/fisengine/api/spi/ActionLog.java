package dev.fisengine.api.spi;

/** Where an action writes what it did; lines carry the experiment and action they belong to. */
public interface ActionLog {
    void info(String message);

    void warn(String message);
}
