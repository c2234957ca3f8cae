package dev.fisengine.engine;

import dev.fisengine.api.exception.ConflictException;
import dev.fisengine.api.exception.ResourceNotFoundException;
import dev.fisengine.api.exception.ServiceQuotaExceededException;
import dev.fisengine.api.exception.ValidationException;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentOptions;
import dev.fisengine.api.model.ExperimentTemplate;
import dev.fisengine.api.model.TargetAccountConfiguration;
import dev.fisengine.api.validation.Finding;
import dev.fisengine.engine.internal.Paging;
import dev.fisengine.engine.internal.Persistence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The seven target-account-configuration operations of FIS. Configurations exist only on templates whose
 * {@code experimentOptions.accountTargeting} is {@code multi-account} (FIS rejects them on {@code single-account}
 * templates); account ids are unique per template; at most {@value #QUOTA} per template (quota L-47D4AE5B). An
 * experiment sees the configurations its template had when it was created: every change is kept as a version with
 * the engine clock's time, and an experiment reads the last version at or before its {@code creationTime}.
 *
 * <p>Thread-safe (one monitor, never held while calling the engine). Reached through {@link FisEngine}'s
 * {@code *TargetAccountConfiguration*} methods.
 */
final class TargetAccountConfigurations {
    /** Target account configurations per experiment template (FIS quota L-47D4AE5B). */
    static final int QUOTA = 10;
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

    private final FisEngine engine;
    private final Persistence persistence;
    /** Template id -> versions, oldest first; each version is the full ordered map account id -> configuration. */
    private final Map<String, List<Version>> history = new HashMap<>();
    private final Map<String, Token> tokens = new HashMap<>();

    TargetAccountConfigurations(FisEngine engine, Persistence persistence) {
        this.engine = engine;
        this.persistence = persistence;
    }

    /** Adds what the engine's store kept for a template (every version and client token). */
    synchronized void restore(String templateId, Persistence.TargetAccountsRecord r) {
        List<Version> versions = new ArrayList<>();
        for (Persistence.Version v : r.versions()) {
            Map<String, TargetAccountConfiguration> m = new LinkedHashMap<>();
            v.configs().forEach(c -> m.put(c.accountId(), c));
            versions.add(new Version(v.at(), Collections.unmodifiableMap(m)));
        }
        history.put(templateId, versions);
        r.tokens().forEach((token, c) -> tokens.put(token, new Token(templateId, c)));
    }

    TargetAccountConfiguration create(String templateId, String accountId, String roleArn, String description,
            String clientToken) {
        ExperimentTemplate t = multiAccountTemplate(templateId);
        List<Finding> f = new ArrayList<>();
        checkAccountId(accountId, f);
        checkRoleArn(roleArn, true, f);
        checkDescription(description, f);
        if (clientToken != null && (clientToken.isEmpty() || clientToken.length() > 1024)) {
            f.add(Finding.error("request.length", "/clientToken", "clientToken must be 1 to 1024 characters long"));
        }
        throwIf(f);
        TargetAccountConfiguration c = new TargetAccountConfiguration(roleArn, accountId, description);
        synchronized (this) {
            if (clientToken != null) {
                Token used = tokens.get(clientToken);
                if (used != null) {
                    if (used.templateId.equals(t.id()) && used.config.equals(c)) {
                        return used.config;
                    }
                    throw new ConflictException("clientToken '" + clientToken + "' was already used to create "
                            + "target account configuration " + used.config.accountId() + " of experiment template "
                            + used.templateId + " with different parameters.");
                }
            }
            Map<String, TargetAccountConfiguration> current = new LinkedHashMap<>(latest(t.id()));
            if (current.containsKey(accountId)) {
                throw new ConflictException("Experiment template " + t.id() + " already has a target account "
                        + "configuration for account " + accountId + ".");
            }
            if (current.size() >= QUOTA) {
                throw new ServiceQuotaExceededException("Experiment template " + t.id() + " has " + current.size()
                        + " target account configurations; the quota is " + QUOTA + " per experiment template.");
            }
            current.put(accountId, c);
            record(t.id(), current, clientToken, c);
            return c;
        }
    }

    TargetAccountConfiguration get(String templateId, String accountId) {
        ExperimentTemplate t = template(templateId);
        synchronized (this) {
            return existing(t.id(), latest(t.id()), accountId);
        }
    }

    TargetAccountConfiguration update(String templateId, String accountId, String roleArn, String description) {
        ExperimentTemplate t = template(templateId);
        List<Finding> f = new ArrayList<>();
        checkRoleArn(roleArn, false, f);
        checkDescription(description, f);
        throwIf(f);
        synchronized (this) {
            Map<String, TargetAccountConfiguration> current = new LinkedHashMap<>(latest(t.id()));
            TargetAccountConfiguration old = existing(t.id(), current, accountId);
            TargetAccountConfiguration updated = new TargetAccountConfiguration(
                    roleArn != null ? roleArn : old.roleArn(), accountId,
                    description != null ? description : old.description());
            current.put(accountId, updated);
            record(t.id(), current, null, null);
            return updated;
        }
    }

    TargetAccountConfiguration delete(String templateId, String accountId) {
        ExperimentTemplate t = template(templateId);
        synchronized (this) {
            Map<String, TargetAccountConfiguration> current = new LinkedHashMap<>(latest(t.id()));
            TargetAccountConfiguration old = existing(t.id(), current, accountId);
            current.remove(accountId);
            record(t.id(), current, null, null);
            return old;
        }
    }

    Page<TargetAccountConfiguration> list(String templateId, Integer maxResults, String nextToken) {
        ExperimentTemplate t = template(templateId);
        List<TargetAccountConfiguration> all;
        synchronized (this) {
            all = new ArrayList<>(latest(t.id()).values());
        }
        return page(all, maxResults, nextToken);
    }

    /** How many configurations the template has now ({@code targetAccountConfigurationsCount}). */
    synchronized long count(String templateId) {
        return latest(templateId).size();
    }

    TargetAccountConfiguration getForExperiment(String experimentId, String accountId) {
        Experiment e = engine.getExperiment(experimentId);
        Map<String, TargetAccountConfiguration> at = asOf(e);
        TargetAccountConfiguration c = at.get(accountId);
        if (c == null) {
            throw new ResourceNotFoundException("Experiment " + e.id() + " has no target account configuration for "
                    + "account '" + accountId + "'.");
        }
        return c;
    }

    Page<TargetAccountConfiguration> listForExperiment(String experimentId, String nextToken) {
        Experiment e = engine.getExperiment(experimentId);
        return page(new ArrayList<>(asOf(e).values()), null, nextToken);
    }

    /** The count an experiment reports: its template's configurations when the experiment was created. */
    long countForExperiment(Experiment e) {
        return asOf(e).size();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private synchronized Map<String, TargetAccountConfiguration> asOf(Experiment e) {
        List<Version> versions = history.get(e.experimentTemplateId());
        Map<String, TargetAccountConfiguration> found = Map.of();
        if (versions != null && e.creationTime() != null) {
            for (Version v : versions) {
                if (v.at.isAfter(e.creationTime())) {
                    break;
                }
                found = v.configs;
            }
        }
        return found;
    }

    private Map<String, TargetAccountConfiguration> latest(String templateId) {
        List<Version> versions = history.get(templateId);
        return versions == null || versions.isEmpty() ? Map.of() : versions.get(versions.size() - 1).configs;
    }

    /** Adds a version (and a client token); recorded in the engine's store first, so a failed write changes nothing. */
    private void record(String templateId, Map<String, TargetAccountConfiguration> configs, String clientToken,
            TargetAccountConfiguration created) {
        Version next = new Version(engine.clock().instant(), Collections.unmodifiableMap(new LinkedHashMap<>(configs)));
        List<Version> versions = new ArrayList<>(history.getOrDefault(templateId, List.of()));
        versions.add(next);
        if (persistence.enabled()) {
            Map<String, TargetAccountConfiguration> templateTokens = new LinkedHashMap<>();
            tokens.forEach((k, tok) -> {
                if (tok.templateId.equals(templateId)) {
                    templateTokens.put(k, tok.config);
                }
            });
            if (clientToken != null) {
                templateTokens.put(clientToken, created);
            }
            List<Persistence.Version> out = new ArrayList<>();
            versions.forEach(v -> out.add(new Persistence.Version(v.at, List.copyOf(v.configs.values()))));
            persistence.targetAccounts(templateId, new Persistence.TargetAccountsRecord(Persistence.FORMAT_VERSION,
                    out, templateTokens));
        }
        history.put(templateId, versions);
        if (clientToken != null) {
            tokens.put(clientToken, new Token(templateId, created));
        }
    }

    private static TargetAccountConfiguration existing(String templateId,
            Map<String, TargetAccountConfiguration> configs, String accountId) {
        TargetAccountConfiguration c = accountId == null ? null : configs.get(accountId);
        if (c == null) {
            throw new ResourceNotFoundException("Experiment template " + templateId + " has no target account "
                    + "configuration for account '" + accountId + "'.");
        }
        return c;
    }

    private ExperimentTemplate template(String templateId) {
        return engine.getExperimentTemplate(templateId);
    }

    private ExperimentTemplate multiAccountTemplate(String templateId) {
        ExperimentTemplate t = template(templateId);
        ExperimentOptions o = t.experimentOptions();
        String targeting = o == null || o.accountTargeting() == null ? ExperimentOptions.SINGLE_ACCOUNT
                : o.accountTargeting();
        if (!ExperimentOptions.MULTI_ACCOUNT.equals(targeting)) {
            throw ValidationException.of(List.of(Finding.error("request.invalid-value",
                    "/experimentOptions/accountTargeting", "experiment template " + t.id() + " has accountTargeting "
                            + targeting + "; target account configurations need multi-account")));
        }
        return t;
    }

    private static Page<TargetAccountConfiguration> page(List<TargetAccountConfiguration> all, Integer maxResults,
            String nextToken) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            idx.add(i);
        }
        return Paging.page(idx, i -> String.format("%019d", i), all::get, maxResults, nextToken);
    }

    private static void checkAccountId(String accountId, List<Finding> f) {
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            f.add(Finding.error("request.invalid-value", "/accountId", "\"" + accountId
                    + "\" is not a 12-digit AWS account id"));
        }
    }

    private static void checkRoleArn(String roleArn, boolean required, List<Finding> f) {
        if (roleArn == null) {
            if (required) {
                f.add(Finding.error("request.missing-member", "/roleArn", "roleArn is required"));
            }
        } else if (roleArn.length() < 20 || roleArn.length() > 2048
                || roleArn.chars().anyMatch(Character::isWhitespace)) {
            f.add(Finding.error("request.length", "/roleArn",
                    "roleArn must be 20 to 2048 characters without spaces"));
        }
    }

    private static void checkDescription(String description, List<Finding> f) {
        if (description != null && description.length() > 512) {
            f.add(Finding.error("request.length", "/description", "description must be at most 512 characters"));
        }
    }

    private static void throwIf(List<Finding> f) {
        if (!f.isEmpty()) {
            throw ValidationException.of(f);
        }
    }

    private record Version(Instant at, Map<String, TargetAccountConfiguration> configs) {
        Version {
            Objects.requireNonNull(at, "at");
        }
    }

    private record Token(String templateId, TargetAccountConfiguration config) {}
}
