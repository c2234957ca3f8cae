package dev.fisengine.aws.infra.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback SSM server speaking SSM's real wire protocol (AWS JSON 1.1: {@code POST /} with
 * {@code X-Amz-Target: AmazonSSM.<Operation>}), for the operations moto_server 5.2.1 lacks: {@code CancelCommand},
 * {@code StartAutomationExecution}, {@code GetAutomationExecution}, {@code StopAutomationExecution}; and
 * {@code SendCommand} / {@code ListCommands} / {@code ListCommandInvocations}, so one server holds a command's whole
 * life. Commands stay {@code InProgress} and executions {@code InProgress} until cancelled or {@link #finish}ed (a
 * command's invocations, one per instance, share its status). Records every call.
 */
public final class SsmLoopback implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call: its operation and request body. */
    public record Call(String operation, JsonNode body) {}

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> status = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> instances = new ConcurrentHashMap<>();
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final HttpServer server;

    public SsmLoopback() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Ends a command or execution with {@code finalStatus} (e.g. {@code Success}). */
    public void finish(String id, String finalStatus) {
        status.put(id, finalStatus);
    }

    public String status(String id) {
        return status.get(id);
    }

    public List<String> operations() {
        return calls.stream().map(Call::operation).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        calls.add(new Call(operation, body));
        ObjectNode out = JSON.createObjectNode();
        int code = 200;
        switch (operation) {
            case "SendCommand" -> {
                String id = "cmd-" + ids.incrementAndGet();
                status.put(id, "InProgress");
                instances.put(id, body.path("InstanceIds"));
                documents.put(id, body.path("DocumentName").asText());
                out.putObject("Command").put("CommandId", id).put("Status", "InProgress")
                        .put("DocumentName", body.path("DocumentName").asText());
            }
            case "ListCommands" -> {
                String id = body.path("CommandId").asText();
                var commands = out.putArray("Commands");
                if (status.containsKey(id)) {
                    commands.addObject().put("CommandId", id).put("Status", status.get(id))
                            .put("StatusDetails", status.get(id)).put("DocumentName", documents.get(id));
                }
            }
            case "ListCommandInvocations" -> {
                String id = body.path("CommandId").asText();
                var invocations = out.putArray("CommandInvocations");
                for (JsonNode instance : instances.getOrDefault(id, JSON.createArrayNode())) {
                    invocations.addObject().put("CommandId", id).put("InstanceId", instance.asText())
                            .put("Status", status.get(id));
                }
            }
            case "CancelCommand" -> status.put(body.path("CommandId").asText(), "Cancelled");
            case "StartAutomationExecution" -> {
                String id = "exec-" + ids.incrementAndGet();
                status.put(id, "InProgress");
                out.put("AutomationExecutionId", id);
            }
            case "GetAutomationExecution" -> {
                String id = body.path("AutomationExecutionId").asText();
                out.putObject("AutomationExecution").put("AutomationExecutionId", id)
                        .put("AutomationExecutionStatus", status.getOrDefault(id, "Failed"));
            }
            case "StopAutomationExecution" -> status.put(body.path("AutomationExecutionId").asText(), "Cancelled");
            default -> {
                code = 400;
                out.put("__type", "InvalidAction").put("message", "SsmLoopback does not implement " + operation);
            }
        }
        byte[] bytes = JSON.writeValueAsBytes(out);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
