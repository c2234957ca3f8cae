package dev.fisengine.cli;

import com.sun.net.httpserver.HttpServer;
import dev.fisengine.aws.sdk.FisSdk;
import dev.fisengine.aws.sdk.RemoteFaults;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.FisException;

/**
 * The application JVM of {@link MultiJvmTest}: no fault-injection code at all, only the zero-code switch in its
 * environment ({@code FISENGINE_SDK_SERVER}, {@code FISENGINE_SDK_ROLE_ARN}). It calls {@code ListActions} with a real
 * {@code FisClient} (built with the SDK's default HTTP client) against a canned FIS look-alike of its own every 20 ms
 * and prints each outcome: {@code ok} or {@code throttled}; {@code connected} once its connection is up; {@code mark}
 * when the test writes {@code mark} to its input; {@code exit} ends it.
 */
public final class RemoteAppMain {
    private RemoteAppMain() {}

    public static void main(String[] args) throws Exception {
        HttpServer canned = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        canned.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] body = "{\"actions\":[]}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        canned.start();
        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        Thread input = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    commands.add(line.trim());
                }
            } catch (java.io.IOException e) {
                // the test went away
            }
            commands.add("exit");
        }, "commands");
        input.setDaemon(true);
        input.start();
        try (FisClient fis = FisClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + canned.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            boolean connected = false;
            int armed = -1;
            for (int i = 0; i < 30_000; i++) { // at most ~10 minutes
                String c = commands.poll(20, TimeUnit.MILLISECONDS);
                if ("exit".equals(c)) {
                    break;
                }
                if ("mark".equals(c)) {
                    System.out.println("mark");
                }
                RemoteFaults remote = FisSdk.zeroCodeConnection();
                if (!connected && remote != null && remote.isConnected()) {
                    connected = true;
                    System.out.println("connected " + remote.jvmId());
                }
                if (remote != null && remote.armedRules() != armed) {
                    armed = remote.armedRules();
                    System.out.println("armed " + armed);
                }
                try {
                    fis.listActions(r -> { });
                    System.out.println("ok");
                } catch (FisException e) {
                    System.out.println(e.isThrottlingException() ? "throttled" : "error " + e.getMessage());
                }
                System.out.flush();
            }
        } finally {
            canned.stop(0);
        }
        System.out.println("missed " + FisSdk.zeroCodeMissedAttempts());
        System.exit(0);
    }
}
