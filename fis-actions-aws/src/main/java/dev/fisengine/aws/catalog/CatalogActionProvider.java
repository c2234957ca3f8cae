package dev.fisengine.aws.catalog;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import java.util.Objects;

/**
 * The provider of an AWS FIS action ({@code actions.*.actionId}) that this engine describes but cannot run in-process,
 * such as {@code aws:ec2:stop-instances}: templates using it validate as they would against AWS FIS, and
 * {@code GetAction} shows it, but its descriptor says {@code executable = false} and {@link #start} fails with a
 * reason that says so.
 *
 * <p>Its {@link #order()} is {@value #ORDER}, below the default 0, so a real implementation of the same action
 * registered by the application (ServiceLoader or the engine's builder) takes precedence without a conflict.
 */
public class CatalogActionProvider implements ActionProvider {
    /** The order of catalog-only providers: below the default, so any other provider of the action wins. */
    public static final int ORDER = -100;

    private final ActionDescriptor descriptor;

    /** A provider for {@code descriptor}, which must not be executable. */
    public CatalogActionProvider(ActionDescriptor descriptor) {
        Objects.requireNonNull(descriptor, "descriptor");
        if (descriptor.executable()) {
            throw new IllegalArgumentException(descriptor.id() + " is described as executable; a "
                    + "CatalogActionProvider stands only for actions with no in-process implementation");
        }
        this.descriptor = descriptor;
    }

    /** A provider for the catalog's action {@code actionId}. */
    protected CatalogActionProvider(String actionId) {
        this(AwsActionCatalog.requireAction(actionId));
    }

    @Override
    public final ActionDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final int order() {
        return ORDER;
    }

    /** Always fails: the action has no in-process implementation. The engine checks {@code executable} first. */
    @Override
    public final void start(ActionContext context) {
        String id = descriptor.id();
        throw new IllegalStateException(id + " is described for validation but has no in-process implementation "
                + "in this version (action '" + context.actionName() + "'); to run it, register an ActionProvider "
                + "for " + id + " of your own, which takes precedence over this description");
    }

    @Override
    public String toString() {
        return "CatalogActionProvider[" + descriptor.id() + "]";
    }
}
