package com.example.fis;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The application's tenants, each an ARN with tags: what {@link TenantResolver} resolves template targets from. */
public final class Tenants {
    /** One tenant. */
    public record Tenant(String arn, Map<String, String> tags) {}

    private final List<Tenant> all = new CopyOnWriteArrayList<>();

    public Tenants add(String arn, Map<String, String> tags) {
        all.add(new Tenant(arn, Map.copyOf(tags)));
        return this;
    }

    public List<Tenant> all() {
        return List.copyOf(all);
    }
}
