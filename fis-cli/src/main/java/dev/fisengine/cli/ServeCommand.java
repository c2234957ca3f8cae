package dev.fisengine.cli;

import dev.fisengine.api.model.ExperimentSummary;
import dev.fisengine.engine.EngineOptions;
import dev.fisengine.engine.FisEngine;
import dev.fisengine.engine.validation.ValidationMode;
import dev.fisengine.engine.EngineStoreException;
import dev.fisengine.server.DataDirStore;
import dev.fisengine.server.FisServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fis serve}: the AWS FIS API over HTTP ({@code --endpoint-url http://127.0.0.1:8900}) for the AWS CLI, boto3,
 * Terraform and every SDK. Runs until interrupted; then it stops accepting requests, stops every experiment that has
 * not ended and runs its reverts, and exits 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Serve the AWS FIS API (REST-JSON, 2020-12-01) over HTTP on top of the engine.",
            "Use it with --endpoint-url http://HOST:PORT from the AWS CLI, boto3 or any AWS SDK.",
            "Ctrl-C (SIGINT/SIGTERM) stops every experiment, runs its reverts, then exits."
        })
final class ServeCommand implements Callable<Integer> {
    /** Comma-separated {@code ACCESS_KEY_ID:SECRET} pairs, as an alternative to {@code --credentials}. */
    static final String CREDENTIALS_ENV = "FIS_SERVE_CREDENTIALS";

    @Option(names = "--host", paramLabel = "H", defaultValue = FisServer.DEFAULT_HOST,
            description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes the API to the network).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + FisServer.DEFAULT_PORT,
            description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free port, printed at start-up).")
    int port;

    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "" + FisServer.DEFAULT_MAX_BODY_BYTES,
            description = "Largest request body accepted (default: ${DEFAULT-VALUE}); larger ones get a "
                    + "ValidationException.")
    int maxBodyBytes;

    @Option(names = "--credentials", paramLabel = "KEY:SECRET",
            description = "Verify SigV4 signatures against this access key (repeatable; or $" + CREDENTIALS_ENV
                    + "=KEY:SECRET,...). Without any, every well-formed signature is accepted.")
    List<String> credentials = new ArrayList<>();

    @Option(names = "--strict-aws", description = "Validate templates as the managed AWS FIS would (e.g. a roleArn "
            + "that is not an IAM role ARN is an error, not a warning).")
    boolean strictAws;

    @Option(names = "--region", paramLabel = "R", defaultValue = "us-east-1",
            description = "Region in the ARNs the API returns (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--account-id", paramLabel = "A", defaultValue = "123456789012",
            description = "Account in the ARNs the API returns (default: ${DEFAULT-VALUE}).")
    String accountId;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for target selection and fault percentages.")
    Long seed;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep templates, tags, target account configurations and experiment history in DIR (file "
                    + DataDirStore.FILE_NAME + ", created if absent) across restarts. Default: memory only.")
    Path dataDir;

    @Spec
    CommandSpec spec;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String[]> keys = new ArrayList<>();
        List<String> all = new ArrayList<>(credentials);
        String env = System.getenv(CREDENTIALS_ENV);
        if (env != null && !env.isBlank()) {
            all.addAll(List.of(env.split(",")));
        }
        for (String c : all) {
            int colon = c.indexOf(':');
            if (colon <= 0 || colon == c.length() - 1) {
                err.println("fis serve: credentials must be ACCESS_KEY_ID:SECRET, not \"" + redact(c) + "\"");
                return FisCli.USAGE;
            }
            keys.add(new String[] {c.substring(0, colon).trim(), c.substring(colon + 1).trim()});
        }
        FisEngine.Builder builder = FisEngine.builder()
                .options(EngineOptions.defaults().toBuilder()
                        .validationMode(strictAws ? ValidationMode.STRICT_AWS : ValidationMode.EMBEDDED)
                        .region(region)
                        .accountId(accountId)
                        .shutdownHook(false) // this command's hook stops the server first, then the engine
                        .build());
        if (seed != null) {
            builder.seed(seed);
        }
        DataDirStore store = null;
        FisEngine engine;
        try {
            if (dataDir != null) {
                store = DataDirStore.open(dataDir);
                builder.store(store);
            }
            engine = builder.build();
        } catch (EngineStoreException e) {
            if (store != null) {
                store.close();
            }
            err.println("fis serve: --data-dir " + dataDir + ": " + e.getMessage());
            return FisCli.USAGE;
        }
        FisServer server;
        try {
            FisServer.Builder sb = FisServer.builder(engine).host(host).port(port).maxBodyBytes(maxBodyBytes);
            keys.forEach(k -> sb.credentials(k[0], k[1]));
            server = sb.start();
        } catch (RuntimeException e) {
            engine.close();
            if (store != null) {
                store.close();
            }
            err.println("fis serve: " + e.getMessage());
            return FisCli.USAGE;
        }
        DataDirStore kept = store;
        Thread hook = new Thread(() -> shutdown(server, engine, kept, out), "fis-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("fis serve: FIS API on " + server.endpoint() + " (" + engine.listActions(100, null).items().size()
                + " actions; validation " + (strictAws ? "strict-aws" : "embedded") + "; request bodies up to "
                + maxBodyBytes + " bytes)");
        out.println(server.verifiesSignatures()
                ? "fis serve: SigV4 signatures are verified against " + keys.size() + " access key(s)"
                : "fis serve: no credentials configured: any well-formed SigV4 signature (and an unsigned request) "
                        + "is accepted, as emulators do");
        out.println(store == null ? "fis serve: memory only: templates and experiments are lost on exit "
                + "(--data-dir DIR keeps them)"
                : "fis serve: data in " + store.file() + " (" + count(engine, true) + " template(s) and "
                        + count(engine, false) + " experiment(s) restored)");
        if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
            out.println("fis serve: warning: bound to " + host + ", not loopback: anyone who reaches this address can"
                    + " start experiments");
        }
        out.println("fis serve: try  aws fis list-actions --endpoint-url " + server.endpoint()
                + "   (Ctrl-C stops every experiment and exits)");
        out.println("fis serve: other JVMs receive the API faults of experiments with FISENGINE_SDK_SERVER="
                + server.endpoint() + " (docs/server.md)");
        out.flush();
        stopped.await();
        return FisCli.OK;
    }

    /** Stops accepting requests, then stops every experiment that has not ended (with its reverts), then says so. */
    private void shutdown(FisServer server, FisEngine engine, DataDirStore store, PrintWriter out) {
        try {
            server.close();
            List<String> running = new ArrayList<>();
            String token = null;
            do {
                var page = engine.listExperiments(100, token, null);
                for (ExperimentSummary s : page.items()) {
                    if (!s.state().status().isTerminal()) {
                        running.add(s.id());
                    }
                }
                token = page.nextToken();
            } while (token != null);
            long start = System.nanoTime();
            engine.close();
            if (store != null) {
                store.close(); // after the engine: its last experiment records are in
            }
            out.println("fis serve: stopped; " + running.size() + " experiment(s) stopped and reverted "
                    + running + " in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
            out.flush();
        } finally {
            stopped.countDown();
        }
    }

    private static int count(FisEngine engine, boolean templates) {
        int n = 0;
        String token = null;
        do {
            var page = templates ? engine.listExperimentTemplates(100, token)
                    : engine.listExperiments(100, token, null);
            n += page.items().size();
            token = page.nextToken();
        } while (token != null);
        return n;
    }

    private static String redact(String credential) {
        int colon = credential.indexOf(':');
        return colon < 0 ? credential : credential.substring(0, colon) + ":***";
    }
}
