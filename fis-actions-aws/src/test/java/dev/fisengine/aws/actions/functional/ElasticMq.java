package dev.fisengine.aws.actions.functional;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * ElasticMQ (SQS) in this JVM on 127.0.0.1, started once for every test class that asks for it
 * ({@code @ExtendWith(ElasticMq.class)} and a parameter of type {@link Server}) and stopped when the test run ends
 * (JUnit closes {@link AutoCloseable} values of the root store).
 */
final class ElasticMq implements ParameterResolver {

    /** The running server. */
    static final class Server implements AutoCloseable {
        private final SQSRestServer server;
        private final URI endpoint;

        private Server() {
            server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
            endpoint = URI.create("http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort());
        }

        URI endpoint() {
            return endpoint;
        }

        @Override
        public void close() {
            server.stopAndWait();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Server.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(ElasticMq.class))
                .getOrComputeIfAbsent(Server.class, k -> new Server(), Server.class);
    }
}
