package dev.fisengine.benchmarks;

import dev.fisengine.api.spi.FaultBroadcast;
import dev.fisengine.api.spi.FaultGate;
import dev.fisengine.aws.sdk.FisSdk;
import dev.fisengine.aws.sdk.RemoteFaults;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.server.FisServer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The multi-JVM bounds of {@code docs/server.md}: a {@link FisServer} and a {@link RemoteFaults} connection over real
 * HTTP on 127.0.0.1 (in one JVM, so client and server share the machine's cores).
 *
 * <ul>
 *   <li>{@code arm}: from publishing a fault in the server's engine (what an {@code inject-api-*} action does when it
 *       arms) until the connected JVM has armed it in its registry (the server's push, the SSE event, parsing,
 *       arming).</li>
 *   <li>{@code disarm}: withdrawing it (what the action's revert does when {@code StopExperiment} runs), which returns
 *       only once the connected JVM confirmed the disarm with its final counters.</li>
 *   <li>{@code pingBaseline}: one HTTP round trip to the same server ({@code GET /_fisengine/ping}, keep-alive, the
 *       JDK's {@code HttpClient}): the floor of anything that crosses the loopback connection.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RemoteArmingBenchmark -f 1 -wi 2 -w 3s -i 3 -r 5s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RemoteArmingBenchmark {
    private static final String ROLE = "arn:aws:iam::123456789012:role/app";
    private static final String RULE = "{\"experimentId\":\"EXPbench\",\"action\":\"throttle\",\"service\":\"dynamodb\","
            + "\"operations\":[\"GetItem\"],\"percentage\":100.0,\"roleArns\":[\"" + ROLE + "\"],\"seed\":1,"
            + "\"count\":{\"firstAttempts\":0,\"everyNthAttempt\":0,\"maxFaults\":0},\"fault\":{\"kind\":\"THROTTLE\"}}";

    FisEngine engine;
    FisServer server;
    RemoteFaults remote;
    FaultBroadcast broadcast;
    FaultBroadcast.Fault armed;
    java.net.http.HttpClient http;
    java.net.http.HttpRequest ping;

    @Setup(Level.Trial)
    public void start() throws InterruptedException {
        engine = FisEngine.builder().slf4jLog(false).build();
        server = FisServer.builder(engine).port(0).start();
        broadcast = FaultBroadcast.of(engine);
        http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        ping = java.net.http.HttpRequest.newBuilder(server.endpoint().resolve("/_fisengine/ping")).build();
        remote = FisSdk.connect(server.endpoint(), ROLE);
        if (!remote.awaitConnected(Duration.ofSeconds(10))) {
            throw new IllegalStateException("not connected to " + server.endpoint());
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        remote.close();
        server.close();
        engine.close();
    }

    /** The baseline: one keep-alive HTTP round trip to the same server. */
    @Benchmark
    public int pingBaseline() throws Exception {
        return http.send(ping, java.net.http.HttpResponse.BodyHandlers.ofByteArray()).statusCode();
    }

    /** Publish, then spin until the connected JVM armed it (bounded: 5 s). */
    @Benchmark
    public int arm() {
        armed = broadcast.publish(Set.of(ROLE), RULE, FaultGate.processWide());
        return awaitArmed(1);
    }

    @TearDown(Level.Invocation)
    public void withdrawAfterArm() {
        if (armed != null) {
            broadcast.withdraw(armed);
            armed = null;
            awaitArmed(0);
        }
    }

    /** Withdraw: returns once the connected JVM confirmed the disarm. */
    @Benchmark
    public FaultBroadcast.Counters disarm(Armed state) {
        FaultBroadcast.Counters c = broadcast.withdraw(state.fault);
        if (remote.armedRules() != 0) {
            throw new IllegalStateException("withdraw returned before the connected JVM disarmed");
        }
        return c;
    }

    /** A fault armed in the connected JVM before each {@link #disarm} invocation. */
    @State(Scope.Thread)
    public static class Armed {
        FaultBroadcast.Fault fault;

        @Setup(Level.Invocation)
        public void arm(RemoteArmingBenchmark b) {
            fault = b.broadcast.publish(Set.of(ROLE), RULE, FaultGate.processWide());
            b.awaitArmed(1);
        }
    }

    int awaitArmed(int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (remote.armedRules() != n) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the connected JVM has " + remote.armedRules() + " rules, not " + n);
            }
            Thread.onSpinWait();
        }
        return n;
    }
}
