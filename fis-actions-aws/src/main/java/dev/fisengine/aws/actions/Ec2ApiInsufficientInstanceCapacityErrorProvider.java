package dev.fisengine.aws.actions;

import dev.fisengine.api.spi.ActionContext;
import dev.fisengine.api.spi.TargetKeyDescriptor;
import dev.fisengine.aws.actions.internal.ActionParameters;
import dev.fisengine.aws.actions.internal.ExtensionActions;
import dev.fisengine.aws.catalog.AwsActionCatalog;
import dev.fisengine.aws.sdk.ApiFault;
import dev.fisengine.aws.sdk.RequestFilter;
import java.util.Set;

/**
 * Runs the AWS FIS action {@code aws:ec2:api-insufficient-instance-capacity-error} in-process: the EC2
 * {@code RunInstances}, {@code StartInstances}, {@code CreateCapacityReservation} and {@code CreateFleet} calls made
 * by the target roles ({@code Roles}, ARNs only, as in AWS FIS) in the Availability Zones of
 * {@code availabilityZoneIdentifiers} get, for {@code percentage} % of their attempts, EC2's
 * {@code InsufficientInstanceCapacity} error (HTTP 500, EC2's XML error format; {@link #FAULT}). A request that
 * names no Availability Zone ({@code StartInstances}, {@code RunInstances} with only a subnet) is hit: which zone it
 * would land in cannot be told without calling AWS ({@link RequestFilter.AvailabilityZones}).
 */
public final class Ec2ApiInsufficientInstanceCapacityErrorProvider extends ApiFaultActionProvider {
    /** {@code aws:ec2:api-insufficient-instance-capacity-error}. */
    public static final String ID = "aws:ec2:api-insufficient-instance-capacity-error";
    /** The operations AWS FIS hits with it. */
    public static final Set<String> OPERATIONS = Set.of("RunInstances", "StartInstances",
            "CreateCapacityReservation", "CreateFleet");
    /** What a hit attempt gets: EC2's answer when a zone has no capacity for the instance type. */
    public static final ApiFault FAULT = ApiFault.custom(500, "InsufficientInstanceCapacity",
            "We currently do not have sufficient capacity in the Availability Zone you requested. Our system will be "
                    + "working on provisioning additional capacity.");

    public Ec2ApiInsufficientInstanceCapacityErrorProvider() {
        super(AwsActionCatalog.action(ID).orElseThrow());
    }

    @Override
    Calls calls(ActionParameters p, ActionContext context) {
        TargetKeyDescriptor roles = descriptor().target(ExtensionActions.ROLES).orElseThrow();
        Set<String> roleArns = p.targetArns(roles);
        if (roleArns == null || roleArns.isEmpty()) {
            context.log().warn(ID + ": target " + roles.key() + " resolved no role, so no call can be hit; nothing "
                    + "armed");
            return null;
        }
        Set<String> zones = p.list("availabilityZoneIdentifiers");
        RequestFilter.AvailabilityZones filter;
        try {
            filter = RequestFilter.AvailabilityZones.of(zones);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p.path("availabilityZoneIdentifiers") + ": " + e.getMessage(), e);
        }
        return new Calls("ec2", OPERATIONS, roleArns, filter, "in Availability Zones " + String.join(",",
                filter.identifiers()) + " (and requests naming none), for roles " + String.join(", ", roleArns));
    }

    @Override
    ApiFault fault(ActionParameters parameters) {
        return FAULT;
    }

    @Override
    String describe(ApiFault fault) {
        return "InsufficientInstanceCapacity errors";
    }
}
