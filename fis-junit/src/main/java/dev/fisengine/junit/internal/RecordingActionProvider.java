package dev.fisengine.junit.internal;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.aws.sdk.ApiFaultRegistry;
import dev.fisengine.aws.sdk.ArmedApiFault;
import java.util.List;
import java.util.Objects;

/**
 * Wraps each action provider of an extension-built engine: notes in the {@link FaultLedger} the API faults that
 * appear in the engine's {@link ApiFaultRegistry} while the provider's {@code start} runs, so a test can read their
 * counters after the experiment disarmed them. Otherwise transparent.
 */
public final class RecordingActionProvider implements ActionProvider {
    private final ActionProvider delegate;
    private final FaultLedger ledger;

    public RecordingActionProvider(ActionProvider delegate, FaultLedger ledger) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** The wrapped provider. */
    public ActionProvider delegate() {
        return delegate;
    }

    @Override
    public ActionDescriptor descriptor() {
        return delegate.descriptor();
    }

    @Override
    public int order() {
        return delegate.order();
    }

    @Override
    public void start(ActionContext context) throws Exception {
        ApiFaultRegistry registry = ApiFaultRegistry.of(context.runtime());
        List<ArmedApiFault> before = registry.armed();
        try {
            delegate.start(context);
        } finally {
            for (ArmedApiFault f : registry.armed()) {
                if (before.stream().noneMatch(b -> b == f)) {
                    ledger.add(context.experimentId(), f);
                }
            }
        }
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
