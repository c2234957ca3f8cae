package com.example.fis;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The application's feature flags, per tenant: a stand-in for whatever service your action drives. */
public final class FeatureFlags {
    private final Set<String> enabled = ConcurrentHashMap.newKeySet();

    public void enable(String flag, String tenantArn) {
        enabled.add(flag + " " + tenantArn);
    }

    public void disable(String flag, String tenantArn) {
        enabled.remove(flag + " " + tenantArn);
    }

    public boolean isEnabled(String flag, String tenantArn) {
        return enabled.contains(flag + " " + tenantArn);
    }

    public boolean noneEnabled() {
        return enabled.isEmpty();
    }
}
