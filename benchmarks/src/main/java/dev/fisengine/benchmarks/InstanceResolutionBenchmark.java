package dev.fisengine.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.fisengine.api.spi.FisRuntime;
import dev.fisengine.api.spi.TargetQuery;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.api.spi.TargetResource;
import dev.fisengine.aws.infra.InfraClients;
import dev.fisengine.aws.infra.InfraProviders;
import dev.fisengine.aws.infra.InfraSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Target resolution of {@code aws:ec2:instance} by tags over a fleet of {@code instances} instances, read in pages
 * of 1000 through a real {@code Ec2Client} over real HTTP from a loopback server on 127.0.0.1 that answers
 * {@code DescribeInstances} with canned pages (EC2's XML wire format, {@code NextToken} paging): SigV4, HTTP,
 * XML unmarshalling, the resolver's attribute mapping (Describe output to PascalCase maps) and tag checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class InstanceResolutionBenchmark {
    static final int PAGE = 1000;

    @Param({"10000"})
    int instances;

    private HttpServer server;
    private InfraClients clients;
    private TargetResolverProvider resolver;
    private TargetQuery query;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        List<byte[]> pages = new ArrayList<>();
        for (int p = 0; p * PAGE < instances; p++) {
            pages.add(page(p, Math.min(PAGE, instances - p * PAGE), (p + 1) * PAGE < instances));
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int page = 0;
            for (String kv : form.split("&")) {
                if (kv.startsWith("NextToken=")) {
                    page = Integer.parseInt(URLDecoder.decode(kv.substring(10), StandardCharsets.UTF_8)
                            .substring(1));
                }
            }
            byte[] body = pages.get(page);
            exchange.getResponseHeaders().add("Content-Type", "text/xml;charset=UTF-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        clients = new InfraClients(InfraSettings.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .pageSize(PAGE).build());
        FisRuntime runtime = new FisRuntime() {
            private final Map<Class<?>, Object> components = new ConcurrentHashMap<>(Map.of(InfraClients.class,
                    clients));

            @Override
            public String runtimeId() {
                return "benchmark";
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public <T> T component(Class<T> type, Function<? super FisRuntime, ? extends T> factory) {
                return type.cast(components.computeIfAbsent(type, t -> factory.apply(this)));
            }
        };
        resolver = InfraProviders.resolvers().stream()
                .filter(r -> r.descriptor().resourceType().equals("aws:ec2:instance")).findFirst().orElseThrow();
        query = new TargetQuery("Fleet", "aws:ec2:instance", List.of(), Map.of("fleet", "web"), Map.of(), runtime);
        List<TargetResource> check = resolve();
        if (check.size() != instances || !check.get(instances - 1).tags().get("fleet").equals("web")) {
            throw new IllegalStateException("resolved " + check.size() + " instances, expected " + instances);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        clients.close();
        server.stop(0);
    }

    @Benchmark
    public List<TargetResource> resolveByTags() throws Exception {
        return resolver.resolve(query);
    }

    private List<TargetResource> resolve() {
        try {
            return resolveByTags();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] page(int page, int count, boolean more) {
        StringBuilder xml = new StringBuilder(count * 700).append(
                "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId>"
                        + "<reservationSet><item><reservationId>r-").append(page)
                .append("</reservationId><ownerId>123456789012</ownerId><instancesSet>");
        for (int i = 0; i < count; i++) {
            String id = String.format("i-%017x", (long) page * PAGE + i);
            xml.append("<item><instanceId>").append(id).append("</instanceId><imageId>ami-12c6146b</imageId>")
                    .append("<instanceState><code>16</code><name>running</name></instanceState>")
                    .append("<privateDnsName>ip-10-0-0-1.ec2.internal</privateDnsName>")
                    .append("<instanceType>m5.large</instanceType><launchTime>2026-01-01T00:00:00.000Z</launchTime>")
                    .append("<placement><availabilityZone>us-east-1").append("abc".charAt(i % 3))
                    .append("</availabilityZone><tenancy>default</tenancy></placement>")
                    .append("<subnetId>subnet-0123</subnetId><vpcId>vpc-0123</vpcId>")
                    .append("<privateIpAddress>10.0.0.1</privateIpAddress>")
                    .append("<groupSet><item><groupId>sg-0123</groupId><groupName>web</groupName></item></groupSet>")
                    .append("<tagSet><item><key>fleet</key><value>web</value></item>")
                    .append("<item><key>Name</key><value>web-").append(i).append("</value></item></tagSet></item>");
        }
        xml.append("</instancesSet></item></reservationSet>");
        if (more) {
            xml.append("<nextToken>p").append(page + 1).append("</nextToken>");
        }
        return xml.append("</DescribeInstancesResponse>").toString().getBytes(StandardCharsets.UTF_8);
    }
}
