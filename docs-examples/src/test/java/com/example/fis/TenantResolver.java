package com.example.fis;

import dev.fisengine.api.spi.Identification;
import dev.fisengine.api.spi.TargetQuery;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.api.spi.TargetTypeDescriptor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Resolves template targets of resource type {@code myapp:app:tenant} (the template's {@code targets.*.resourceType})
 * to the application's tenants, by ARN ({@code resourceArns}) or by tags ({@code resourceTags}, all of them). The
 * engine then applies the target's {@code filters} and {@code selectionMode} to what this returns.
 */
public final class TenantResolver implements TargetResolverProvider {
    public static final String RESOURCE_TYPE = "myapp:app:tenant";

    private static final TargetTypeDescriptor DESCRIPTOR = new TargetTypeDescriptor(RESOURCE_TYPE,
            "The application's tenants.", List.of(), EnumSet.of(Identification.ARNS, Identification.TAGS), null);

    /** ServiceLoader needs a public class with a public no-argument constructor. */
    public TenantResolver() {}

    @Override
    public TargetTypeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<TargetResource> resolve(TargetQuery query) {
        Tenants tenants = query.runtime().component(Tenants.class, runtime -> new Tenants());
        List<TargetResource> found = new ArrayList<>();
        for (Tenants.Tenant t : tenants.all()) {
            boolean named = query.resourceArns().isEmpty() || query.resourceArns().contains(t.arn());
            boolean tagged = t.tags().entrySet().containsAll(query.resourceTags().entrySet());
            if (named && tagged) {
                found.add(TargetResource.of(t.arn(), t.tags(), Map.of("Tags", t.tags())));
            }
        }
        return found;
    }
}
