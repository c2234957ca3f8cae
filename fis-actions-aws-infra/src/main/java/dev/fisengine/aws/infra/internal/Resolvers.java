package dev.fisengine.aws.infra.internal;

import dev.fisengine.api.spi.TargetQuery;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.aws.infra.InfraClients;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsRequest;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListStreamsRequest;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * The resolvers of this module, one small class per resource type ({@code targets.*.resourceType}), listed in
 * {@code META-INF/services/dev.fisengine.api.spi.TargetResolverProvider} by binary name
 * ({@code Resolvers$Ec2Instance}).
 */
public final class Resolvers {
    private Resolvers() {}

    /** Every resolver of this module, new instances. */
    public static List<InfraResolver> all() {
        return List.of(new Ec2Instance(), new Ec2SpotInstance(), new Ec2Subnet(), new EcsCluster(), new EcsTask(),
                new RdsCluster(), new RdsDb(), new EksNodegroup(), new KinesisStream(), new Ec2AutoscalingGroup());
    }

    // ---- EC2 ------------------------------------------------------------------------------------------------------

    /** {@code aws:ec2:instance}: {@code DescribeInstances}. */
    public static class Ec2Instance extends InfraResolver {
        public Ec2Instance() {
            this("aws:ec2:instance");
        }

        Ec2Instance(String type) {
            super(type);
        }

        @Override
        protected String service() {
            return "ec2";
        }

        /** Extra server-side filters of the type (the spot lifecycle). */
        List<Filter> typeFilters() {
            return List.of();
        }

        @Override
        protected List<TargetResource> describe(InfraClients clients, Region region, TargetQuery query)
                throws Exception {
            List<Filter> filters = new ArrayList<>(typeFilters());
            query.resourceTags().forEach((k, v) -> filters.add(Filter.builder().name("tag:" + k).values(v).build()));
            return instances(clients, region, filters);
        }

        @Override
        protected Map<String, TargetResource> describeArns(InfraClients clients, Region region, List<Arn> arns,
                TargetQuery query) throws Exception {
            List<Filter> filters = new ArrayList<>(typeFilters());
            filters.add(Filter.builder().name("instance-id").values(arns.stream().map(Arn::lastId).toList()).build());
            return byGivenArn(arns, instances(clients, region, filters), Arn::lastId,
                    r -> (String) r.attributes().get("InstanceId"));
        }

        static List<TargetResource> instances(InfraClients clients, Region region, List<Filter> filters)
                throws InterruptedException {
            Ec2Client ec2 = clients.ec2(region);
            List<TargetResource> out = new ArrayList<>();
            DescribeInstancesRequest.Builder req = DescribeInstancesRequest.builder()
                    .maxResults(page(clients, 1000));
            if (!filters.isEmpty()) {
                req.filters(filters);
            }
            for (DescribeInstancesResponse page : ec2.describeInstancesPaginator(req.build())) {
                Interrupts.check();
                for (Reservation reservation : page.reservations()) {
                    for (Instance i : reservation.instances()) {
                        String arn = Arn.of(partition(region), "ec2", region.id(), reservation.ownerId(),
                                "instance/" + i.instanceId());
                        out.add(new TargetResource(arn, Attributes.of(i), tags(i.tags(),
                                software.amazon.awssdk.services.ec2.model.Tag::key,
                                software.amazon.awssdk.services.ec2.model.Tag::value), null));
                    }
                }
            }
            return out;
        }
    }

    /** {@code aws:ec2:spot-instance}: {@code DescribeInstances} of Spot Instances. */
    public static final class Ec2SpotInstance extends Ec2Instance {
        public Ec2SpotInstance() {
            super("aws:ec2:spot-instance");
        }

        @Override
        List<Filter> typeFilters() {
            return List.of(Filter.builder().name("instance-lifecycle").values("spot").build());
        }
    }

    /** {@code aws:ec2:subnet}: {@code DescribeSubnets}; parameters {@code availabilityZoneIdentifier}, {@code vpc}. */
    public static final class Ec2Subnet extends InfraResolver {
        public Ec2Subnet() {
            super("aws:ec2:subnet");
        }

        @Override
        protected String service() {
            return "ec2";
        }

        @Override
        protected List<TargetResource> describe(InfraClients clients, Region region, TargetQuery query)
                throws Exception {
            List<Filter> filters = new ArrayList<>();
            query.resourceTags().forEach((k, v) -> filters.add(Filter.builder().name("tag:" + k).values(v).build()));
            String az = query.parameters().get("availabilityZoneIdentifier");
            String vpc = query.parameters().get("vpc");
            return subnets(clients, region, filters).stream()
                    .filter(r -> az == null || az.equals(r.attributes().get("AvailabilityZone"))
                            || az.equals(r.attributes().get("AvailabilityZoneId")))
                    .filter(r -> vpc == null || vpc.equals(r.attributes().get("VpcId")))
                    .toList();
        }

        @Override
        protected Map<String, TargetResource> describeArns(InfraClients clients, Region region, List<Arn> arns,
                TargetQuery query) throws Exception {
            List<Filter> filters = List.of(
                    Filter.builder().name("subnet-id").values(arns.stream().map(Arn::lastId).toList()).build());
            return byGivenArn(arns, subnets(clients, region, filters), Arn::lastId,
                    r -> (String) r.attributes().get("SubnetId"));
        }

        static List<TargetResource> subnets(InfraClients clients, Region region, List<Filter> filters)
                throws InterruptedException {
            Ec2Client ec2 = clients.ec2(region);
            List<TargetResource> out = new ArrayList<>();
            DescribeSubnetsRequest.Builder req = DescribeSubnetsRequest.builder()
                    .maxResults(page(clients, 1000));
            if (!filters.isEmpty()) {
                req.filters(filters);
            }
            for (DescribeSubnetsResponse page : ec2.describeSubnetsPaginator(req.build())) {
                Interrupts.check();
                for (Subnet s : page.subnets()) {
                    String arn = s.subnetArn() != null ? s.subnetArn()
                            : Arn.of(partition(region), "ec2", region.id(), s.ownerId(), "subnet/" + s.subnetId());
                    out.add(new TargetResource(arn, Attributes.of(s), tags(s.tags(),
                            software.amazon.awssdk.services.ec2.model.Tag::key,
                            software.amazon.awssdk.services.ec2.model.Tag::value), null));
                }
            }
            return out;
        }
    }

    /** {@code aws:ec2:autoscaling-group}: {@code DescribeAutoScalingGroups}. */
    public static final class Ec2AutoscalingGroup extends InfraResolver {
        public Ec2AutoscalingGroup() {
            super("aws:ec2:autoscaling-group");
        }

        @Override
        protected String service() {
            return "autoscaling";
        }

        @Override
        protected List<TargetResource> describe(InfraClients clients, Region region, TargetQuery query)
                throws Exception {
            List<software.amazon.awssdk.services.autoscaling.model.Filter> filters = new ArrayList<>();
            query.resourceTags().forEach((k, v) -> filters.add(software.amazon.awssdk.services.autoscaling.model
                    .Filter.builder().name("tag:" + k).values(v).build()));
            DescribeAutoScalingGroupsRequest.Builder req = DescribeAutoScalingGroupsRequest.builder()
                    .maxRecords(page(clients, 100));
            if (!filters.isEmpty()) {
                req.filters(filters);
            }
            return groups(clients.autoScaling(region), req.build());
        }

        @Override
        protected Map<String, TargetResource> describeArns(InfraClients clients, Region region, List<Arn> arns,
                TargetQuery query) throws Exception {
            Function<Arn, String> name = a -> {
                int i = a.resource().indexOf("autoScalingGroupName/");
                if (i < 0) {
                    throw new IllegalArgumentException("\"" + a.arn() + "\" is not an Auto Scaling group ARN (…:"
                            + "autoScalingGroup:<id>:autoScalingGroupName/<name>)");
                }
                return a.resource().substring(i + "autoScalingGroupName/".length());
            };
            List<String> names = arns.stream().map(name).toList();
            return byGivenArn(arns, groups(clients.autoScaling(region),
                    DescribeAutoScalingGroupsRequest.builder().autoScalingGroupNames(names).build()), name,
                    r -> (String) r.attributes().get("AutoScalingGroupName"));
        }

        static List<TargetResource> groups(AutoScalingClient asg, DescribeAutoScalingGroupsRequest req)
                throws InterruptedException {
            List<TargetResource> out = new ArrayList<>();
            for (var page : asg.describeAutoScalingGroupsPaginator(req)) {
                Interrupts.check();
                for (AutoScalingGroup g : page.autoScalingGroups()) {
                    out.add(new TargetResource(g.autoScalingGroupARN(), Attributes.of(g),
                            tags(g.tags(), TagDescription::key, TagDescription::value), null));
                }
            }
            return out;
        }
    }

    // ---- ECS ------------------------------------------------------------------------------------------------------

    /** {@code aws:ecs:cluster}: {@code ListClusters}, {@code DescribeClusters}. */
    public static final class EcsCluster extends InfraResolver {
        public EcsCluster() {
            super("aws:ecs:cluster");
        }

        @Override
        protected String service() {
            return "ecs";
        }

        @Override
        protected List<TargetResource> describe(InfraClients clients, Region region, TargetQuery query)
                throws Exception {
            EcsClient ecs = clients.ecs(region);
            List<String> arns = new ArrayList<>();
            for (var page : ecs.listClustersPaginator(r -> r.maxResults(page(clients, 100)))) {
                Interrupts.check();
                arns.addAll(page.clusterArns());
            }
            return clusters(ecs, arns);
        }

        @Override
        protected Map<String, TargetResource> describeArns(InfraClients clients, Region region, List<Arn> arns,
                TargetQuery query) throws Exception {
            return byGivenArn(arns, clusters(clients.ecs(region), arns.stream().map(Arn::arn).toList()),
                    Arn::lastId, r -> (String) r.attributes().get("ClusterName"));
        }

        static List<TargetResource> clusters(EcsClient ecs, List<String> arns) throws InterruptedException {
            List<TargetResource> out = new ArrayList<>();
            for (List<String> chunk : chunks(arns, 100)) {
                Interrupts.check();
                DescribeClustersResponse resp = ecs.describeClusters(r -> r.clusters(chunk)
                        .include(ClusterField.TAGS));
                for (Cluster c : resp.clusters()) {
                    out.add(new TargetResource(c.clusterArn(), Attributes.of(c),
                            tags(c.tags(), software.amazon.awssdk.services.ecs.model.Tag::key,
                                    software.amazon.awssdk.services.ecs.model.Tag::value), null));
                }
            }
            return out;
        }
    }

    /** {@code aws:ecs:task}: {@code ListTasks}, {@code DescribeTasks}; parameters {@code cluster}, {@code service}. */
    public static final class EcsTask extends InfraResolver {
        public EcsTask() {
            super("aws:ecs:task");
        }

        @Override
        protected String service() {
            return "ecs";
        }

        @Override
        protected List<TargetResource> describe(InfraClients clients, Region region, TargetQuery query)
                throws Exception {
            EcsClient ecs = clients.ecs(region);
            String cluster = query.parameters().get("cluster");
            String service = query.parameters().get("service");
            List<String> clusters = new ArrayList<>();
            if (cluster != null) {
                clusters.add(cluster);
            } else {
                for (var page : ecs.listClustersPaginator(r -> r.maxResults(page(clients, 100)))) {
                    Interrupts.check();
                    clusters.addAll(page.clusterArns());
                }
            }
            List<TargetResource> out = new ArrayList<>();
            for (String c : clusters) {
                ListTasksRequest.Builder req = ListTasksRequest.builder().cluster(c).maxResults(page(clients, 100));
                if (service != null) {
                    req.serviceName(service);
                }
                List<String> taskArns = new ArrayList<>();
                for (var page : ecs.listTasksPaginator(req.build())) {
                    Interrupts.check();
                    taskArns.addAll(page.taskArns());
                }
                out.addAll(tasks(ecs, c, taskArns));
            }
            return out;
        }

        @Override
        protected Map<String, TargetResource> describeArns(InfraClients clients, Region region, List<Arn> arns,
                TargetQuery query) throws Exception {
            Map<String, List<Arn>> byCluster = new LinkedHashMap<>();
            for (Arn a : arns) {
                String[] parts = a.resource().split("/");
                String cluster = parts.length == 3 ? parts[1] : query.parameters().get("cluster");
                if (cluster == null) {
                    throw new IllegalArgumentException("\"" + a.arn() + "\" is a task ARN of the old format "
                            + "(task/<id>), which does not name its cluster: give the target's cluster parameter");
                }
                byCluster.computeIfAbsent(cluster, k -> new ArrayList<>()).add(a);
            }
            Map<String, TargetResource> out = new LinkedHashMap<>();
            for (Map.Entry<String, List<Arn>> e : byCluster.entrySet()) {
                out.putAll(byGivenArn(e.getValue(), tasks(clients.ecs(region), e.getKey(),
                        e.getValue().stream().map(Arn::arn).toList()), Arn::lastId,
                        r -> Arn.parse(r.arn(), "ecs").lastId()));
            }
            return out;
        }

        static List<TargetResource> tasks(EcsClient ecs, String cluster, List<String> arns)
                throws InterruptedException {
            List<TargetResource> out = new ArrayList<>();
            for (List<String> chunk : chunks(arns, 100)) {
                Interrupts.check();
                DescribeTasksResponse resp = ecs.describeTasks(r -> r.cluster(cluster).tasks(chunk)
                        .include(TaskField.TAGS));
                for (Task t : resp.tasks()) {
                    out.add(new TargetResource(t.taskArn(), Attributes.of(t),
                            tags(t.tags(), software.amazon.awssdk.services.ecs.model.Tag::key,
                                    software.amazon.awssdk.services.ecs.model.Tag::value),
                            Map.of("arn", t.taskArn(), "clusterArn", String.valueOf(t.clusterArn()))));
                }
            }
            return out;
        }
    }

    // ---- RDS ------------------------------------------------------------------------------------------------------

    /** {@code aws:rds:cluster}: {@code DescribeDBClusters}; parameter {@code writerAvailabilityZoneIdentifiers}. */
    public static final class RdsCluster extends InfraResolver {
        public RdsCluster() {
            super("aws:rds:cluster");
        }

        @Override
        protected String service() {
            return "rds";
        }

        @Override
        protected List<TargetResource> describe(InfraClients clients, Region region, TargetQuery query)
                throws Exception {
            RdsClient rds = clients.rds(region);
            List<String> azs = azList(query.parameters().get("writerAvailabilityZoneIdentifiers"));
            List<TargetResource> out = new ArrayList<>();
            for (var page : rds.describeDBClustersPaginator(r -> r.maxRecords(page(clients, 100)))) {
                Interrupts.check();
                for (DBCluster c : page.dbClusters()) {
                    if (azs.isEmpty() || azs.contains(writerAz(rds, c))) {
                        out.add(cluster(c));
                    }
                }
            }
            return out;
        }

        @Override
        protected Map<String, TargetResource> describeArns(InfraClients clients, Region region, List<Arn> arns,
                TargetQuery query) throws Exception {
            RdsClient rds = clients.rds(region);
            return eachArn(arns, DbClusterNotFoundException.class, a -> rds.describeDBClusters(r -> r
                    .dbClusterIdentifier(a.lastId())).dbClusters().stream().findFirst().map(RdsCluster::cluster)
                    .orElse(null));
        }

        private static String writerAz(RdsClient rds, DBCluster c) {
            for (DBClusterMember m : c.dbClusterMembers()) {
                if (Boolean.TRUE.equals(m.isClusterWriter())) {
                    return rds.describeDBInstances(r -> r.dbInstanceIdentifier(m.dbInstanceIdentifier()))
                            .dbInstances().stream().findFirst().map(DBInstance::availabilityZone).orElse(null);
                }
            }
            return null;
        }

        static TargetResource cluster(DBCluster c) {
            return new TargetResource(c.dbClusterArn(), Attributes.of(c), tags(c.tagList(), Tag::key, Tag::value),
                    null);
        }
    }

    /** {@code aws:rds:db}: {@code DescribeDBInstances}; parameter {@code availabilityZoneIdentifiers}. */
    public static final class RdsDb extends InfraResolver {
        public RdsDb() {
            super("aws:rds:db");
        }

        @Override
        protected String service() {
            return "rds";
        }

        @Override
        protected List<TargetResource> describe(InfraClients clients, Region region, TargetQuery query)
                throws Exception {
            List<String> azs = azList(query.parameters().get("availabilityZoneIdentifiers"));
            List<TargetResource> out = new ArrayList<>();
            for (var page : clients.rds(region).describeDBInstancesPaginator(r -> r
                    .maxRecords(page(clients, 100)))) {
                Interrupts.check();
                for (DBInstance d : page.dbInstances()) {
                    if (azs.isEmpty() || azs.contains(d.availabilityZone())) {
                        out.add(db(d));
                    }
                }
            }
            return out;
        }

        @Override
        protected Map<String, TargetResource> describeArns(InfraClients clients, Region region, List<Arn> arns,
                TargetQuery query) throws Exception {
            RdsClient rds = clients.rds(region);
            return eachArn(arns, DbInstanceNotFoundException.class, a -> rds.describeDBInstances(r -> r
                    .dbInstanceIdentifier(a.lastId())).dbInstances().stream().findFirst().map(RdsDb::db)
                    .orElse(null));
        }

        static TargetResource db(DBInstance d) {
            return new TargetResource(d.dbInstanceArn(), Attributes.of(d), tags(d.tagList(), Tag::key, Tag::value),
                    null);
        }
    }

    // ---- EKS, Kinesis ---------------------------------------------------------------------------------------------

    /** {@code aws:eks:nodegroup}: {@code ListClusters}, {@code ListNodegroups}, {@code DescribeNodegroup}. */
    public static final class EksNodegroup extends InfraResolver {
        public EksNodegroup() {
            super("aws:eks:nodegroup");
        }

        @Override
        protected String service() {
            return "eks";
        }

        @Override
        protected List<TargetResource> describe(InfraClients clients, Region region, TargetQuery query)
                throws Exception {
            EksClient eks = clients.eks(region);
            List<TargetResource> out = new ArrayList<>();
            for (var clusters : eks.listClustersPaginator(r -> r.maxResults(page(clients, 100)))) {
                for (String cluster : clusters.clusters()) {
                    for (var groups : eks.listNodegroupsPaginator(r -> r.clusterName(cluster)
                            .maxResults(page(clients, 100)))) {
                        for (String name : groups.nodegroups()) {
                            Interrupts.check();
                            out.add(nodegroup(eks.describeNodegroup(r -> r.clusterName(cluster).nodegroupName(name))
                                    .nodegroup()));
                        }
                    }
                }
            }
            return out;
        }

        @Override
        protected Map<String, TargetResource> describeArns(InfraClients clients, Region region, List<Arn> arns,
                TargetQuery query) throws Exception {
            return eachArn(arns, software.amazon.awssdk.services.eks.model.ResourceNotFoundException.class, a -> {
                String[] parts = a.resource().split("/");
                if (parts.length < 3 || !parts[0].equals("nodegroup")) {
                    throw new IllegalArgumentException("\"" + a.arn() + "\" is not a node group ARN (…:nodegroup/"
                            + "<cluster>/<name>/<id>)");
                }
                return nodegroup(clients.eks(region).describeNodegroup(r -> r.clusterName(parts[1])
                        .nodegroupName(parts[2])).nodegroup());
            });
        }

        static TargetResource nodegroup(Nodegroup n) {
            return new TargetResource(n.nodegroupArn(), Attributes.of(n), n.tags(), null);
        }
    }

    /** {@code aws:kinesis:stream}: {@code ListStreams}, {@code DescribeStreamSummary}, {@code ListTagsForStream}. */
    public static final class KinesisStream extends InfraResolver {
        public KinesisStream() {
            super("aws:kinesis:stream");
        }

        @Override
        protected String service() {
            return "kinesis";
        }

        @Override
        protected List<TargetResource> describe(InfraClients clients, Region region, TargetQuery query)
                throws Exception {
            KinesisClient kinesis = clients.kinesis(region);
            List<TargetResource> out = new ArrayList<>();
            for (ListStreamsResponse page : kinesis.listStreamsPaginator(ListStreamsRequest.builder()
                    .limit(page(clients, 100))
                    .build())) {
                for (String name : page.streamNames()) {
                    Interrupts.check();
                    out.add(stream(kinesis, name));
                }
            }
            return out;
        }

        @Override
        protected Map<String, TargetResource> describeArns(InfraClients clients, Region region, List<Arn> arns,
                TargetQuery query) throws Exception {
            return eachArn(arns, software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException.class,
                    a -> stream(clients.kinesis(region), a.lastId()));
        }

        static TargetResource stream(KinesisClient kinesis, String name) {
            StreamDescriptionSummary s = kinesis.describeStreamSummary(r -> r.streamName(name))
                    .streamDescriptionSummary();
            Map<String, String> tags = new LinkedHashMap<>();
            for (var t : kinesis.listTagsForStream(r -> r.streamName(name)).tags()) {
                tags.put(t.key(), t.value());
            }
            return new TargetResource(s.streamARN(), Attributes.of(s), tags, null);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** Describes the resource of each ARN (interruptibly); a {@code notFound} error leaves the ARN out. */
    static Map<String, TargetResource> eachArn(List<Arn> arns, Class<? extends Exception> notFound,
            Describe describe) throws Exception {
        Map<String, TargetResource> out = new LinkedHashMap<>();
        for (Arn a : arns) {
            Interrupts.check();
            try {
                TargetResource r = describe.apply(a);
                if (r != null) {
                    out.put(a.arn(), new TargetResource(a.arn(), r.attributes(), r.tags(), null));
                }
            } catch (Exception e) {
                if (!notFound.isInstance(e)) {
                    throw e;
                }
            }
        }
        return out;
    }

    /** Describes the resource of one ARN, or returns null when there is none. */
    @FunctionalInterface
    interface Describe {
        TargetResource apply(Arn arn) throws Exception;
    }

    static <T> Map<String, String> tags(List<T> tags, Function<T, String> key, Function<T, String> value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            for (T t : tags) {
                out.put(key.apply(t), value.apply(t) == null ? "" : value.apply(t));
            }
        }
        return out;
    }

    /** Maps the found resources back to the given ARNs by id; each carries the given ARN. */
    static Map<String, TargetResource> byGivenArn(List<Arn> given, List<TargetResource> found,
            Function<Arn, String> idOfArn, Function<TargetResource, String> idOfResource) {
        Map<String, TargetResource> byId = new LinkedHashMap<>();
        for (TargetResource r : found) {
            byId.put(idOfResource.apply(r), r);
        }
        Map<String, TargetResource> out = new LinkedHashMap<>();
        for (Arn a : given) {
            TargetResource r = byId.get(idOfArn.apply(a));
            if (r != null) {
                out.put(a.arn(), new TargetResource(a.arn(), r.attributes(), r.tags(), null));
            }
        }
        return out;
    }

    static int page(InfraClients clients, int max) {
        return clients.settings().pageSize(max);
    }

    static <T> List<List<T>> chunks(List<T> list, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i += size) {
            out.add(list.subList(i, Math.min(list.size(), i + size)));
        }
        return out;
    }

    static List<String> azList(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("all")) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
