package dev.fisengine.engine.validation.internal;

import dev.fisengine.api.validation.Finding;
import dev.fisengine.engine.validation.ValidationCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects findings for one document, at most {@link #MAX_FINDINGS}, remembering which paths have errors. */
public final class Findings {
    /** More findings than this for one document are dropped (with one {@code validation.truncated} finding). */
    public static final int MAX_FINDINGS = 1000;

    private final List<Finding> list = new ArrayList<>();
    private final Set<String> flaggedPaths = new HashSet<>();
    private boolean truncated;
    private boolean semantic;

    private int added;

    public void add(ValidationCode code, String path, String message) {
        added++;
        if (!semantic) {
            flaggedPaths.add(path);
        }
        if (list.size() < MAX_FINDINGS) {
            list.add(code.finding(path, message));
        } else if (!truncated) {
            truncated = true;
            list.add(ValidationCode.VALIDATION_TRUNCATED.finding("",
                    "More than " + MAX_FINDINGS + " findings; the rest are not reported"));
        }
    }

    /** From now on, findings no longer mark their paths for {@link #flagged}. */
    public void startSemanticChecks() {
        semantic = true;
    }

    /** Whether reading or the structural checks reported a finding at exactly this path. */
    public boolean flagged(String path) {
        return flaggedPaths.contains(path);
    }

    /** How many findings have been added so far (including dropped ones). */
    public int count() {
        return added;
    }

    public List<Finding> list() {
        return List.copyOf(list);
    }
}
