/**
 * The engine's internals (experiment state machine, target selection, paging, ids, log records). No compatibility
 * promise; never used outside {@code fis-engine}.
 */
package dev.fisengine.engine.internal;
