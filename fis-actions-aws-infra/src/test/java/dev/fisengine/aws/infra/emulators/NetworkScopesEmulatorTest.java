package dev.fisengine.aws.infra.emulators;

import static dev.fisengine.aws.infra.emulators.Ec2ActionsEmulatorTest.template;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fisengine.api.model.ActionStatus;
import dev.fisengine.api.model.Experiment;
import dev.fisengine.api.model.ExperimentStatus;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AddPrefixListEntry;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.Subnet;

/**
 * The scopes of {@code aws:network:disrupt-connectivity} on moto_server, IPv4 and IPv6: a dual-stack VPC with
 * subnets in two Availability Zones; for each scope the entries of the cloned network ACL during the action, then the
 * original association restored and the clone deleted.
 */
@Tag("emulator")
class NetworkScopesEmulatorTest {
    private static Moto moto;
    private static Ec2Client ec2;
    private static String vpcId;
    private static String vpcIpv6;
    private static Subnet subnet;
    private static Subnet otherAz;

    @TempDir
    Path journalDir;
    private ManualClock clock;
    private FisEngine engine;

    @BeforeAll
    static void start() {
        moto = Moto.start();
        ec2 = InfraFixture.client(Ec2Client.builder(), moto.endpoint());
        var vpc = ec2.createVpc(r -> r.cidrBlock("10.7.0.0/16").amazonProvidedIpv6CidrBlock(true)).vpc();
        vpcId = vpc.vpcId();
        vpcIpv6 = ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().get(0).ipv6CidrBlockAssociationSet().get(0)
                .ipv6CidrBlock(); // e.g. 2400:6500:b2ac:9900::/56
        String v6a = subnet64(vpcIpv6, 1);
        String v6b = subnet64(vpcIpv6, 2);
        subnet = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.7.1.0/24").ipv6CidrBlock(v6a)
                .availabilityZone("us-east-1a")).subnet();
        otherAz = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.7.2.0/24").ipv6CidrBlock(v6b)
                .availabilityZone("us-east-1b")).subnet();
        // the default ACL, as AWS makes it for a dual-stack VPC: allow ::/0 too (moto adds only the IPv4 rules)
        String defaultAcl = acl(subnet.subnetId()).networkAclId();
        for (boolean egress : new boolean[] {false, true}) {
            ec2.createNetworkAclEntry(r -> r.networkAclId(defaultAcl).ruleNumber(101).egress(egress).protocol("-1")
                    .ruleAction("allow").ipv6CidrBlock("::/0"));
        }
    }

    /** The {@code n}th /64 of a /56. */
    static String subnet64(String block56, int n) {
        try {
            byte[] a = java.net.InetAddress.getByName(block56.substring(0, block56.indexOf('/'))).getAddress();
            a[7] = (byte) n;
            return java.net.InetAddress.getByAddress(a).getHostAddress().replaceAll("(:0)+$", "::")
                    .replaceFirst(":::$", "::") + "/64";
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        ec2.close();
        moto.close();
    }

    @BeforeEach
    void engine() {
        clock = new ManualClock();
        engine = InfraFixture.engine(clock, InfraFixture.settings(moto.endpoint(), journalDir).build());
    }

    @AfterEach
    void close() {
        engine.close();
    }

    static NetworkAcl acl(String subnetId) {
        return ec2.describeNetworkAcls(r -> r.filters(Filter.builder().name("association.subnet-id")
                .values(subnetId).build())).networkAcls().get(0);
    }

    /** An entry as {@code "<rule> <ingress|egress> <allow|deny> <cidr>"}. */
    static String describe(NetworkAclEntry e) {
        return e.ruleNumber() + " " + (e.egress() ? "egress" : "ingress") + " " + e.ruleActionAsString() + " "
                + (e.cidrBlock() != null ? e.cidrBlock() : e.ipv6CidrBlock());
    }

    /** Ingress entries (egress mirrors them), sorted by rule. */
    static List<String> ingress(NetworkAcl acl) {
        return acl.entries().stream().filter(e -> !e.egress()).sorted((a, b) -> a.ruleNumber() - b.ruleNumber())
                .map(NetworkScopesEmulatorTest::describe).collect(Collectors.toList());
    }

    /** Runs the action with {@code parameters} on the subnet; returns the clone's entries while it runs. */
    private NetworkAcl during(String parameters, String[] experimentId) {
        String original = acl(subnet.subnetId()).networkAclId();
        experimentId[0] = engine.startExperiment(engine.createExperimentTemplate(template("""
                "Subnets": {"resourceType": "aws:ec2:subnet",
                  "resourceArns": ["arn:aws:ec2:us-east-1:123456789012:subnet/%s"], "selectionMode": "ALL"}
                """.formatted(subnet.subnetId()), """
                "Cut": {"actionId": "aws:network:disrupt-connectivity", "targets": {"Subnets": "Subnets"},
                  "parameters": {%s, "duration": "PT10M"}}
                """.formatted(parameters))).id()).id();
        clock.awaitIdle();
        NetworkAcl clone = acl(subnet.subnetId());
        Experiment e = engine.getExperiment(experimentId[0]);
        assertThat(e.actions().get("Cut").state().status()).as(e.actions().get("Cut").state().reason())
                .isEqualTo(ActionStatus.RUNNING);
        assertThat(clone.networkAclId()).isNotEqualTo(original);
        assertThat(clone.entries()).as("egress mirrors ingress").hasSize(ingress(clone).size() * 2);

        clock.advance(Duration.ofMinutes(10));
        clock.awaitIdle();
        assertThat(engine.getExperiment(experimentId[0]).state().status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(acl(subnet.subnetId()).networkAclId()).as("restored").isEqualTo(original);
        assertThat(ec2.describeNetworkAcls(r -> r.filters(Filter.builder().name("vpc-id").values(vpcId).build()))
                .networkAcls())
                .extracting(NetworkAcl::networkAclId).as("the clone is deleted").doesNotContain(clone.networkAclId());
        return clone;
    }

    private NetworkAcl during(String parameters) {
        return during(parameters, new String[1]);
    }

    private static String v6(Subnet s) {
        return s.ipv6CidrBlockAssociationSet().get(0).ipv6CidrBlock();
    }

    @Test
    void allAllowsOnlyTheSubnetsOwnIpv4AndIpv6TrafficAndDeniesTheRest() {
        NetworkAcl clone = during("\"scope\": \"all\"");

        assertThat(ingress(clone)).containsExactly("1 ingress allow 10.7.1.0/24", "2 ingress allow " + v6(subnet),
                "3 ingress deny 0.0.0.0/0", "4 ingress deny ::/0");
    }

    @Test
    void availabilityZoneDeniesTheOtherZonesSubnetsInBothFamiliesAndKeepsTheOriginalIpv6Rules() {
        NetworkAcl clone = during("\"scope\": \"availability-zone\"");

        assertThat(ingress(clone)).containsExactly("1 ingress allow 10.7.1.0/24", "2 ingress allow " + v6(subnet),
                "3 ingress deny 10.7.2.0/24", "4 ingress deny " + v6(otherAz),
                "200 ingress allow 0.0.0.0/0", "201 ingress allow ::/0");
    }

    @Test
    void vpcDeniesTheVpcsIpv4AndIpv6Blocks() {
        NetworkAcl clone = during("\"scope\": \"vpc\"");

        assertThat(ingress(clone)).contains("3 ingress deny 10.7.0.0/16", "4 ingress deny " + vpcIpv6);
    }

    @Test
    void prefixListDeniesTheEntriesOfTheListNamedByIdNameOrArn() {
        String v4 = ec2.createManagedPrefixList(r -> r.prefixListName("partners-v4").addressFamily("IPv4")
                .maxEntries(5).entries(AddPrefixListEntry.builder().cidr("198.51.100.0/24").build(),
                        AddPrefixListEntry.builder().cidr("203.0.113.0/24").build())).prefixList().prefixListId();
        ec2.createManagedPrefixList(r -> r.prefixListName("partners-v6").addressFamily("IPv6").maxEntries(5)
                .entries(AddPrefixListEntry.builder().cidr("2001:db8:1::/48").build()));

        assertThat(ingress(during("\"scope\": \"prefix-list\", \"prefixListIdentifier\": \"" + v4 + "\"")))
                .contains("3 ingress deny 198.51.100.0/24", "4 ingress deny 203.0.113.0/24");
        assertThat(ingress(during("\"scope\": \"prefix-list\", \"prefixListIdentifier\": \"partners-v6\"")))
                .contains("3 ingress deny 2001:db8:1::/48");
        assertThat(ingress(during("\"scope\": \"prefix-list\", \"prefixListIdentifier\": "
                + "\"arn:aws:ec2:us-east-1:123456789012:prefix-list/" + v4 + "\"")))
                .contains("3 ingress deny 198.51.100.0/24");
    }

    @Test
    void anUnknownPrefixListFailsTheActionNamingItAndChangesNothing() {
        String original = acl(subnet.subnetId()).networkAclId();
        String id = engine.startExperiment(engine.createExperimentTemplate(template("""
                "Subnets": {"resourceType": "aws:ec2:subnet",
                  "resourceArns": ["arn:aws:ec2:us-east-1:123456789012:subnet/%s"], "selectionMode": "ALL"}
                """.formatted(subnet.subnetId()), """
                "Cut": {"actionId": "aws:network:disrupt-connectivity", "targets": {"Subnets": "Subnets"},
                  "parameters": {"scope": "prefix-list", "prefixListIdentifier": "pl-0000nothere", "duration": "PT10M"}}
                """)).id()).id();
        clock.awaitIdle();

        Experiment e = engine.getExperiment(id);
        assertThat(e.actions().get("Cut").state().status()).isEqualTo(ActionStatus.FAILED);
        assertThat(e.actions().get("Cut").state().reason())
                .contains("action 'Cut' (aws:network:disrupt-connectivity): prefix list 'pl-0000nothere' not found");
        assertThat(acl(subnet.subnetId()).networkAclId()).isEqualTo(original);
    }

    @Test
    void s3AndDynamodbDenyTheRegionsAwsManagedPrefixLists() {
        for (String service : List.of("s3", "dynamodb")) {
            String name = "com.amazonaws.us-east-1." + service;
            String listId = ec2.describeManagedPrefixLists(r -> r.filters(Filter.builder().name("prefix-list-name")
                    .values(name).build())).prefixLists().get(0).prefixListId();
            List<String> cidrs = ec2.getManagedPrefixListEntries(r -> r.prefixListId(listId)).entries().stream()
                    .map(x -> x.cidr()).toList();
            assertThat(cidrs).as(name).isNotEmpty();

            List<String> denied = ingress(during("\"scope\": \"" + service + "\"")).stream()
                    .filter(x -> x.contains(" deny ")).map(x -> x.substring(x.lastIndexOf(' ') + 1)).toList();

            assertThat(denied).as(service).containsExactlyElementsOf(cidrs);
        }
    }
}
