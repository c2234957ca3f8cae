package dev.fisengine.aws.infra.internal;

import dev.fisengine.api.spi.TargetResource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclAssociation;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RuleAction;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * {@code aws:network:disrupt-connectivity}, as AWS FIS does it: for each target subnet, a new network ACL in its VPC
 * (tagged {@code managedByFIS=true} and with this engine's revert marker), with deny entries for the
 * {@code scope} and the original ACL's own entries after them, replaces the subnet's association; at the end the
 * original association is restored and the new ACL deleted. The undo is recorded before the ACL is created, and
 * finds the ACL by its marker tag, so a crash at any point leaves nothing behind after recovery.
 *
 * <p>Scopes, IPv4 and IPv6 alike (an entry's family follows its CIDR): the subnet's own CIDR blocks (IPv4 and any
 * IPv6) are allowed first; then {@code all} denies everything else ({@code 0.0.0.0/0}, and {@code ::/0} when the
 * subnet or its VPC has an IPv6 block); {@code vpc} denies the VPC's IPv4 and IPv6 CIDR blocks;
 * {@code availability-zone} denies the IPv4 and IPv6 blocks of the VPC's subnets in other Availability Zones;
 * {@code prefix-list} denies the entries of the managed prefix list {@code prefixListIdentifier} (id, name or ARN;
 * IPv4 or IPv6); {@code s3}, {@code s3express} and {@code dynamodb} deny the entries of the region's AWS-managed
 * prefix list {@code com.amazonaws.<region>.<scope>}. Scopes other than {@code all} then copy the original ACL's
 * entries, IPv4 and IPv6, after the deny entries.
 */
public final class NetworkDisruptConnectivity extends InfraAction {
    static final int FIRST_RULE = 1;
    static final int ORIGINAL_RULES_OFFSET = 100;
    static final int MAX_DENY_ENTRIES = 20;

    public NetworkDisruptConnectivity() {
        super("aws:network:disrupt-connectivity");
    }

    @Override
    protected void run(Run run) throws Exception {
        String scope = run.context.parameter("scope");
        for (TargetResource t : run.context.targets().getOrDefault("Subnets", List.of())) {
            Arn arn = Arn.parse(t.arn(), "ec2");
            Region region = run.clients.regionOr(arn.region());
            Ec2Client ec2 = run.clients.ec2(region);
            run.requireChangesAllowed(ec2, region);
            String subnetId = arn.lastId();
            Subnet subnet = ec2.describeSubnets(r -> r.subnetIds(subnetId)).subnets().get(0);
            NetworkAcl original = Reverts.aclOfSubnet(ec2, subnetId);
            if (original == null) {
                throw new IllegalStateException(run.where + ": subnet " + subnetId + " has no network ACL");
            }
            String associationId = original.associations().stream().filter(a -> subnetId.equals(a.subnetId()))
                    .map(NetworkAclAssociation::networkAclAssociationId).findFirst().orElseThrow();
            List<String> deny = denyCidrs(run, ec2, region, scope, subnet);
            InfraAction.Undo undo = run.recordUndo(Reverts.EC2_RESTORE_NETWORK_ACL, region, Map.of(
                    "subnetId", subnetId, "originalNetworkAclId", original.networkAclId(),
                    "vpcId", subnet.vpcId()));
            Interrupts.check();
            String marker = undo.record().id();
            String aclId = ec2.createNetworkAcl(r -> r.vpcId(subnet.vpcId()).tagSpecifications(
                    TagSpecification.builder().resourceType(ResourceType.NETWORK_ACL).tags(
                            Tag.builder().key("managedByFIS").value("true").build(),
                            Tag.builder().key(Reverts.NACL_MARKER_TAG).value(marker).build(),
                            Tag.builder().key("Name").value("fis-" + run.context.experimentId()).build())
                            .build())).networkAcl().networkAclId();
            undo.update(Map.of("networkAclId", aclId));
            int rule = FIRST_RULE;
            for (String own : ownCidrs(subnet)) {
                for (boolean egress : new boolean[] {false, true}) {
                    entry(ec2, aclId, rule, egress, RuleAction.ALLOW, own);
                }
                rule++;
            }
            for (String cidr : deny) {
                for (boolean egress : new boolean[] {false, true}) {
                    entry(ec2, aclId, rule, egress, RuleAction.DENY, cidr);
                }
                rule++;
            }
            if (!scope.equals("all")) {
                for (NetworkAclEntry e : original.entries()) {
                    if (e.ruleNumber() >= 32767) {
                        continue; // the default * rules
                    }
                    int number = e.ruleNumber() + ORIGINAL_RULES_OFFSET;
                    if (number > 32766) {
                        throw new IllegalStateException(run.where + ": cannot copy rule " + e.ruleNumber() + " of "
                                + original.networkAclId() + " after the deny rules (rule numbers above 32666)");
                    }
                    Interrupts.check();
                    ec2.createNetworkAclEntry(r -> r.networkAclId(aclId).ruleNumber(number).egress(e.egress())
                            .protocol(e.protocol()).ruleAction(e.ruleAction()).cidrBlock(e.cidrBlock())
                            .ipv6CidrBlock(e.ipv6CidrBlock()).portRange(e.portRange())
                            .icmpTypeCode(e.icmpTypeCode()));
                }
            }
            Interrupts.check();
            ec2.replaceNetworkAclAssociation(r -> r.associationId(associationId).networkAclId(aclId));
            run.context.log().info("subnet " + subnetId + " now uses network ACL " + aclId + " (scope " + scope
                    + ", denying " + deny + "); " + original.networkAclId()
                    + " is restored at the end");
        }
    }

    @Override
    protected void plan(Run run, List<String> calls) {
        String scope = run.context.parameter("scope");
        for (TargetResource t : run.context.targets().getOrDefault("Subnets", List.of())) {
            Arn arn = Arn.parse(t.arn(), "ec2");
            Region region = run.clients.regionOr(arn.region());
            String subnetId = arn.lastId();
            Object vpc = t.attributes().getOrDefault("VpcId", "the subnet's VPC");
            Object cidr = t.attributes().getOrDefault("CidrBlock", "the subnet's CIDR block");
            calls.add("ec2:DescribeSubnets " + subnetId + ", ec2:DescribeNetworkAcls of " + subnetId + in(region));
            String deny = switch (scope) {
                case "all" -> null;
                case "vpc" -> "ec2:DescribeVpcs " + vpc + "; deny its CIDR blocks";
                case "availability-zone" -> "ec2:DescribeSubnets of " + vpc + "; deny its subnets in other "
                        + "Availability Zones";
                case "prefix-list" -> "ec2:DescribeManagedPrefixLists, ec2:GetManagedPrefixListEntries of "
                        + run.context.parameter("prefixListIdentifier") + "; deny its entries";
                default -> "ec2:DescribeManagedPrefixLists, ec2:GetManagedPrefixListEntries of com.amazonaws."
                        + region.id() + "." + scope + "; deny its entries";
            };
            if (deny != null) {
                calls.add(deny + " (at most " + MAX_DENY_ENTRIES + ")");
            }
            calls.add("ec2:CreateNetworkAcl in " + vpc + " tagged managedByFIS=true" + run.refusal(
                    run.clients.ec2(region), region));
            calls.add("ec2:CreateNetworkAclEntry allow " + cidr + (deny == null ? " only"
                    : ", deny the scope's ranges, then a copy of the original ACL's entries"));
            calls.add("ec2:ReplaceNetworkAclAssociation of " + subnetId + " to the new ACL");
            calls.add(Actions.atTheEnd(run, descriptor()) + "ec2:ReplaceNetworkAclAssociation of " + subnetId
                    + " back to its original ACL, ec2:DeleteNetworkAcl of the new one");
        }
    }

    private static String in(Region region) {
        return Actions.in(region);
    }

    /** One all-protocol entry; an IPv6 CIDR (it has a ':') goes in {@code Ipv6CidrBlock}. */
    private static void entry(Ec2Client ec2, String aclId, int rule, boolean egress, RuleAction action,
            String cidr) throws InterruptedException {
        Interrupts.check();
        boolean v6 = isIpv6(cidr);
        ec2.createNetworkAclEntry(r -> r.networkAclId(aclId).ruleNumber(rule).egress(egress).protocol("-1")
                .ruleAction(action).cidrBlock(v6 ? null : cidr).ipv6CidrBlock(v6 ? cidr : null));
    }

    static boolean isIpv6(String cidr) {
        return cidr.indexOf(':') >= 0;
    }

    /** The subnet's IPv4 block and its associated IPv6 blocks. */
    static List<String> ownCidrs(Subnet subnet) {
        List<String> out = new ArrayList<>();
        if (subnet.cidrBlock() != null) {
            out.add(subnet.cidrBlock());
        }
        subnet.ipv6CidrBlockAssociationSet().stream()
                .filter(a -> a.ipv6CidrBlock() != null && associated(a.ipv6CidrBlockState() == null ? null
                        : a.ipv6CidrBlockState().stateAsString()))
                .forEach(a -> out.add(a.ipv6CidrBlock()));
        return out;
    }

    /** Whether an IPv6 block's association state counts (anything but disassociating / disassociated / failed). */
    static boolean associated(String state) {
        return state == null || !(state.startsWith("disassociat") || state.startsWith("fail"));
    }

    private static List<String> denyCidrs(Run run, Ec2Client ec2, Region region, String scope, Subnet subnet) {
        Set<String> cidrs = new LinkedHashSet<>();
        switch (scope) {
            case "all" -> {
                cidrs.add("0.0.0.0/0");
                boolean v6 = ownCidrs(subnet).stream().anyMatch(NetworkDisruptConnectivity::isIpv6)
                        || !vpcIpv6(ec2, subnet.vpcId()).isEmpty();
                if (v6) {
                    cidrs.add("::/0");
                }
            }
            case "vpc" -> ec2.describeVpcs(r -> r.vpcIds(subnet.vpcId())).vpcs().forEach(v -> {
                v.cidrBlockAssociationSet().forEach(a -> cidrs.add(a.cidrBlock()));
                cidrs.addAll(vpcIpv6(v));
            });
            case "availability-zone" -> {
                for (var page : ec2.describeSubnetsPaginator(r -> r.filters(
                        Filter.builder().name("vpc-id").values(subnet.vpcId()).build()))) {
                    for (Subnet s : page.subnets()) {
                        if (!s.availabilityZone().equals(subnet.availabilityZone())) {
                            cidrs.addAll(ownCidrs(s));
                        }
                    }
                }
            }
            case "prefix-list" -> {
                String id = run.context.parameter("prefixListIdentifier");
                if (id == null) {
                    throw new IllegalArgumentException(run.where + ": scope prefix-list needs prefixListIdentifier");
                }
                cidrs.addAll(prefixListEntries(ec2, prefixList(run, ec2, id)));
            }
            case "s3", "s3express", "dynamodb" -> {
                String name = "com.amazonaws." + region.id() + "." + scope;
                cidrs.addAll(prefixListEntries(ec2, prefixList(run, ec2, name)));
            }
            default -> throw new IllegalArgumentException(run.where + ": unknown scope '" + scope + "'");
        }
        if (cidrs.size() > MAX_DENY_ENTRIES) {
            throw new IllegalStateException(run.where + ": scope " + scope + " needs " + cidrs.size()
                    + " deny entries; AWS FIS allows at most " + MAX_DENY_ENTRIES + ": " + cidrs);
        }
        return new ArrayList<>(cidrs);
    }

    private static List<String> vpcIpv6(Ec2Client ec2, String vpcId) {
        List<String> out = new ArrayList<>();
        ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().forEach(v -> out.addAll(vpcIpv6(v)));
        return out;
    }

    private static List<String> vpcIpv6(Vpc vpc) {
        return vpc.ipv6CidrBlockAssociationSet().stream()
                .filter(a -> a.ipv6CidrBlock() != null && associated(a.ipv6CidrBlockState() == null ? null
                        : a.ipv6CidrBlockState().stateAsString()))
                .map(a -> a.ipv6CidrBlock()).toList();
    }

    private static String prefixList(Run run, Ec2Client ec2, String identifier) {
        String id = identifier.startsWith("arn:") ? Arn.parse(identifier, "ec2").lastId() : identifier;
        List<ManagedPrefixList> lists = new ArrayList<>();
        for (var page : ec2.describeManagedPrefixListsPaginator(r -> { })) {
            lists.addAll(page.prefixLists());
        }
        return lists.stream().filter(p -> id.equals(p.prefixListId()) || id.equals(p.prefixListName()))
                .map(ManagedPrefixList::prefixListId).findFirst().orElseThrow(() -> new IllegalArgumentException(
                        run.where + ": prefix list '" + identifier + "' not found"));
    }

    private static List<String> prefixListEntries(Ec2Client ec2, String prefixListId) {
        List<String> out = new ArrayList<>();
        for (var page : ec2.getManagedPrefixListEntriesPaginator(r -> r.prefixListId(prefixListId))) {
            page.entries().forEach(e -> out.add(e.cidr()));
        }
        return out;
    }
}
