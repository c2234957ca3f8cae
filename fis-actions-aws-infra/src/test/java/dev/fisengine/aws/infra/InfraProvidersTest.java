package dev.fisengine.aws.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.fisengine.api.model.Action;
import dev.fisengine.api.spi.ActionDescriptor;
import dev.fisengine.api.spi.ActionProvider;
import dev.fisengine.api.spi.TargetResolverProvider;
import dev.fisengine.aws.catalog.AwsActionCatalog;
import dev.fisengine.aws.infra.internal.InfraAction;
import dev.fisengine.aws.infra.internal.InfraResolver;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.plugins.Plugins;
import dev.fisengine.engine.time.ManualClock;
import dev.fisengine.testkit.FisTestkit;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

class InfraProvidersTest {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));

    @Test
    void serviceLoaderFindsEveryProviderAndTheyWinOverTheCatalogWithTheCatalogsDescriptions() {
        List<String> loaded = ServiceLoader.load(ActionProvider.class).stream()
                .filter(p -> InfraAction.class.isAssignableFrom(p.type())).map(p -> p.get().descriptor().id())
                .toList();
        assertThat(loaded).containsExactlyInAnyOrderElementsOf(
                InfraProviders.actions().stream().map(p -> p.descriptor().id()).toList()).hasSize(11);
        List<String> resolvers = ServiceLoader.load(TargetResolverProvider.class).stream()
                .filter(p -> InfraResolver.class.isAssignableFrom(p.type()))
                .map(p -> p.get().descriptor().resourceType()).toList();
        assertThat(resolvers).containsExactlyInAnyOrderElementsOf(
                InfraProviders.resolvers().stream().map(p -> p.descriptor().resourceType()).toList()).hasSize(10);

        Plugins plugins = Plugins.discovered();
        for (ActionProvider p : InfraProviders.actions()) {
            ActionProvider winner = plugins.action(p.descriptor().id()).orElseThrow();
            assertThat(winner).isInstanceOf(p.getClass());
            ActionDescriptor catalog = AwsActionCatalog.action(p.descriptor().id()).orElseThrow();
            assertThat(winner.descriptor()).isEqualTo(new ActionDescriptor(catalog.id(), catalog.description(),
                    catalog.parameters(), catalog.targets(), catalog.durationParameter(), true,
                    catalog.availableInAws(), catalog.deprecatedBy()));
        }
        for (TargetResolverProvider p : InfraProviders.resolvers()) {
            assertThat(plugins.resolver(p.descriptor().resourceType()).orElseThrow()).isInstanceOf(p.getClass());
            assertThat(p.descriptor()).isEqualTo(AwsActionCatalog.targetType(p.descriptor().resourceType())
                    .orElseThrow());
        }
        try (FisEngine engine = FisTestkit.engineBuilder(new ManualClock()).slf4jLog(false).build()) {
            Action stop = engine.getAction("aws:ec2:stop-instances");
            assertThat(stop.parameters()).containsKeys("startInstancesAfterDuration", "completeIfInstancesTerminated");
        }
    }

    @Test
    void clientsCarryTheExemptionMarkerAndRefuseChangesOnAwsEndpoints() throws Exception {
        List<String> userAgents = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            byte[] body = "{\"InstanceInformationList\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (InfraClients clients = new InfraClients(InfraSettings.builder().region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort())).build())) {
            clients.ssm(null).describeInstanceInformation();
            clients.requireChangesAllowed(clients.ssm(null), Region.US_EAST_1, "action 'X'");
        } finally {
            server.stop(0);
        }
        assertThat(userAgents).singleElement().satisfies(ua -> assertThat(ua.split(" "))
                .contains(InfraClients.EXEMPT_USER_AGENT));

        InfraSettings aws = InfraSettings.builder().region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .endpointOverride(URI.create("https://ssm.us-east-1.amazonaws.com")).build();
        try (InfraClients clients = new InfraClients(aws)) {
            assertThatThrownBy(() -> clients.requireChangesAllowed(clients.ssm(null), Region.US_EAST_1,
                    "action 'Cmd' (aws:ssm:send-command)"))
                    .hasMessageStartingWith("action 'Cmd' (aws:ssm:send-command): refusing to change real AWS "
                            + "resources (ssm endpoint https://ssm.us-east-1.amazonaws.com)");
            assertThatThrownBy(() -> clients.ssm(null).sendCommand(r -> r.documentName("AWS-RunShellScript")))
                    .isInstanceOf(SdkClientException.class)
                    .hasMessageContaining("refusing to send Ssm SendCommand to the AWS endpoint "
                            + "ssm.us-east-1.amazonaws.com");
        }
        try (InfraClients clients = new InfraClients(aws.toBuilder().allowRealAws(true).build())) {
            clients.requireChangesAllowed(clients.ssm(null), Region.US_EAST_1, "opted in");
        }
        try (InfraClients clients = new InfraClients(InfraSettings.builder().region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).build())) {
            assertThatThrownBy(() -> clients.requireChangesAllowed(clients.ssm(null), Region.US_EAST_1, "default"))
                    .as("no endpoint override: the SDK resolves AWS's own endpoint")
                    .hasMessageContaining("resolved by the SDK for region us-east-1");
        }
    }

    @Test
    void settingsRejectBadValuesNamingThem() {
        assertThatThrownBy(() -> InfraSettings.builder().endpointOverride(URI.create("ftp://x")).build())
                .hasMessage("InfraSettings.endpointOverride: \"ftp://x\" is not an http(s) URI with a host");
        assertThatThrownBy(() -> InfraSettings.builder().pollInterval(java.time.Duration.ZERO).build())
                .hasMessage("InfraSettings.pollInterval: PT0S is not a positive duration");
        assertThat(InfraSettings.builder().serviceEndpoint("EC2", URI.create("http://127.0.0.1:1"))
                .endpointOverride(URI.create("http://127.0.0.1:2")).build().endpointFor("ec2"))
                .isEqualTo(URI.create("http://127.0.0.1:1"));
    }
}
