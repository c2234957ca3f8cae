package dev.fisengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fis recover} on a journal a dead process left behind: the pending revert runs once, is reported, and the
 * journal file goes. (The revert here needs no AWS call: the command it would cancel was never sent. Reverts that
 * call AWS are recovered against moto in fis-actions-aws-infra's emulator tests.)
 */
class RecoverCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        return FisCli.execute(args, out, err);
    }

    @Test
    void recoverCompletesAPendingRevertOnceAndReportsIt() throws Exception {
        Path file = dir.resolve("revert-999999999-1.jsonl");
        Files.writeString(file, "{\"op\":\"record\",\"id\":\"r1\",\"record\":{\"id\":\"r1\",\"owner\":\"999999999@x\","
                + "\"experimentId\":\"EXPabc\",\"actionName\":\"RunStress\",\"actionId\":\"aws:ssm:send-command\","
                + "\"kind\":\"ssm:cancel-command\",\"region\":\"us-east-1\",\"data\":{},"
                + "\"recordedAt\":\"2026-01-01T00:00:00Z\"}}\n", StandardCharsets.UTF_8);

        assertThat(run("recover", "--journal", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("reverted ssm:cancel-command of action "
                + "'RunStress' (aws:ssm:send-command) of experiment EXPabc in us-east-1: no command to cancel (it was "
                + "never sent)" + System.lineSeparator());
        assertThat(file).doesNotExist();

        assertThat(run("recover", "--journal", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("nothing to recover in " + dir);
    }
}
