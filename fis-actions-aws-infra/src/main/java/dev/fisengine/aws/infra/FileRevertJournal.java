package dev.fisengine.aws.infra;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link RevertJournal}: append-only JSON-lines files, one per process, in a directory, each line forced
 * to disk ({@code FileChannel.force}) before the call returns.
 *
 * <p>Why this and not an embedded database: a revert journal is written a few times per action and read only after
 * a crash, so an append-only file is the simplest store that is crash-safe by construction: a line is either
 * complete on disk or, if the process died while writing it, a torn last line that is ignored on reading (the
 * action had not yet changed anything, since it changes only after {@link #record} returned). No compaction or
 * page format can go wrong, the file can be read with {@code cat}, and it adds no dependency.
 *
 * <p>Exactly once across processes: each process appends only to its own file ({@code revert-<pid>-<start>.jsonl}),
 * which it holds an exclusive OS file lock on while it lives. The OS releases the lock when the process dies,
 * however it dies; recovery (in any process) takes the lock of a dead process's file with {@code tryLock} before it
 * reads it, so two recoveries never run the same records, and a live process's records are never touched. A file
 * whose records are all done is deleted.
 *
 * <p>One instance per directory per JVM ({@link #open}); it is shared by the engines of the JVM and closed with the
 * last of them.
 */
public final class FileRevertJournal implements RevertJournal {
    private static final Logger LOG = LoggerFactory.getLogger(FileRevertJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, FileRevertJournal> OPEN = new HashMap<>();
    private static final String PREFIX = "revert-";
    private static final String SUFFIX = ".jsonl";

    /** This process, as written in {@link RevertRecord#owner()}. */
    public static final String OWNER = ProcessHandle.current().pid() + "@"
            + ProcessHandle.current().info().startInstant().map(Instant::toString).orElse("unknown");

    private final Path directory;
    private final Path ownFile;
    private FileChannel ownChannel;
    private final Map<String, RevertRecord> ownPending = new LinkedHashMap<>();
    /** Pending records found in this process's file when it was reopened: left by an engine that closed. */
    private final Map<String, RevertRecord> orphans = new LinkedHashMap<>();
    private final Map<Path, Claimed> claimed = new LinkedHashMap<>();
    private int users;

    private FileRevertJournal(Path directory) {
        this.directory = directory;
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        this.ownFile = directory.resolve(PREFIX + self.pid() + "-" + start + SUFFIX);
    }

    /** The JVM's journal in {@code directory} (created if missing); {@link #close} it when done. */
    public static FileRevertJournal open(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        synchronized (OPEN) {
            FileRevertJournal journal = OPEN.computeIfAbsent(dir, FileRevertJournal::new);
            synchronized (journal) {
                journal.users++;
            }
            return journal;
        }
    }

    /** The directory of this journal. */
    public Path directory() {
        return directory;
    }

    @Override
    public synchronized void record(RevertRecord record) throws IOException {
        Objects.requireNonNull(record, "record");
        append(ownChannel(), line("record", record.id(), Map.of("record", toJson(record))));
        ownPending.put(record.id(), record);
    }

    @Override
    public synchronized void update(String id, Map<String, String> data) throws IOException {
        RevertRecord pending = ownPending.get(id);
        if (pending == null) {
            Claimed c = claimedHolding(id);
            if (c == null) {
                throw new IllegalArgumentException("no pending revert record " + id + " in " + directory);
            }
            append(c.channel, line("update", id, Map.of("data", data)));
            c.pending.put(id, c.pending.get(id).withData(data));
            return;
        }
        append(ownChannel(), line("update", id, Map.of("data", data)));
        ownPending.put(id, pending.withData(data));
    }

    @Override
    public synchronized void complete(String id, String outcome) throws IOException {
        Map<String, Object> extra = Map.of("outcome", outcome == null ? "" : outcome);
        if (ownPending.containsKey(id) || orphans.containsKey(id)) {
            append(ownChannel(), line("done", id, extra));
            ownPending.remove(id);
            orphans.remove(id);
            return;
        }
        Claimed c = claimedHolding(id);
        if (c != null) {
            append(c.channel, line("done", id, extra));
            c.pending.remove(id);
        }
    }

    /** The records of this process's running engines not yet done (for tests and reports). */
    public synchronized List<RevertRecord> pendingOfThisProcess() {
        return List.copyOf(ownPending.values());
    }

    @Override
    public synchronized List<RevertRecord> pendingOfDeadOwners() throws IOException {
        List<RevertRecord> result = new ArrayList<>();
        if (ownChannel == null && Files.exists(ownFile)) {
            ownChannel(); // reads the records an earlier (closed) engine of this JVM left pending
        }
        result.addAll(orphans.values());
        for (Claimed c : claimed.values()) {
            result.addAll(c.pending.values());
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
            dir.forEach(files::add);
        }
        files.sort(null);
        for (Path file : files) {
            if (file.equals(ownFile) || claimed.containsKey(file)) {
                continue;
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (NoSuchFileException gone) {
                continue; // another recovery finished and deleted it
            }
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close(); // its process is alive (or another recovery holds it)
                continue;
            }
            if (!Files.exists(file)) { // deleted between open and lock by a recovery that finished
                channel.close();
                continue;
            }
            Map<String, RevertRecord> pending = read(file);
            if (pending.isEmpty()) {
                Files.deleteIfExists(file);
                channel.close();
                continue;
            }
            seekEnd(channel);
            claimed.put(file, new Claimed(channel, pending));
            result.addAll(pending.values());
        }
        return result;
    }

    @Override
    public synchronized void release() throws IOException {
        for (Map.Entry<Path, Claimed> e : claimed.entrySet()) {
            if (e.getValue().pending.isEmpty()) {
                Files.deleteIfExists(e.getKey());
                forceDirectory();
            }
            e.getValue().channel.close();
        }
        claimed.clear();
    }

    /** Closes this JVM's use of the journal when the last user closes it; an empty own file is deleted. */
    @Override
    public void close() throws IOException {
        synchronized (OPEN) {
            synchronized (this) {
                if (--users > 0) {
                    return;
                }
                OPEN.remove(directory);
                release();
                if (ownChannel != null) {
                    if (ownPending.isEmpty() && orphans.isEmpty()) {
                        Files.deleteIfExists(ownFile);
                    }
                    ownChannel.close();
                    ownChannel = null;
                }
            }
        }
    }

    private FileChannel ownChannel() throws IOException {
        if (ownChannel == null) {
            if (Files.exists(ownFile)) {
                orphans.putAll(read(ownFile));
            }
            FileChannel channel = FileChannel.open(ownFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new IOException("revert journal " + ownFile + " is locked by another process");
            }
            forceDirectory();
            ownChannel = channel;
        }
        return ownChannel;
    }

    private Claimed claimedHolding(String id) {
        for (Claimed c : claimed.values()) {
            if (c.pending.containsKey(id)) {
                return c;
            }
        }
        return null;
    }

    private static void append(FileChannel channel, String line) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(true);
    }

    private static void seekEnd(FileChannel channel) throws IOException {
        channel.position(channel.size());
    }

    private void forceDirectory() {
        // Makes a new or deleted file's directory entry durable; not supported on every platform (Windows).
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot fsync directory {}: {}", directory, e.toString());
        }
    }

    private static String line(String op, String id, Map<String, Object> extra) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", op);
        m.put("id", id);
        m.put("at", Instant.now().toString());
        m.putAll(extra);
        return JSON.writeValueAsString(m);
    }

    private static Map<String, Object> toJson(RevertRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("owner", r.owner());
        m.put("experimentId", r.experimentId());
        m.put("actionName", r.actionName());
        m.put("actionId", r.actionId());
        m.put("kind", r.kind());
        m.put("region", r.region());
        m.put("data", r.data());
        m.put("recordedAt", r.recordedAt() == null ? null : r.recordedAt().toString());
        return m;
    }

    @SuppressWarnings("unchecked")
    private static RevertRecord fromJson(Map<String, Object> m) {
        Object at = m.get("recordedAt");
        return new RevertRecord((String) m.get("id"), (String) m.get("owner"), (String) m.get("experimentId"),
                (String) m.get("actionName"), (String) m.get("actionId"), (String) m.get("kind"),
                (String) m.get("region"), (Map<String, String>) m.get("data"),
                at == null ? null : Instant.parse((String) at));
    }

    /** The pending records of {@code file}; a torn (unparseable) line is skipped with a warning. */
    @SuppressWarnings("unchecked")
    static Map<String, RevertRecord> read(Path file) throws IOException {
        Map<String, RevertRecord> pending = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            Map<String, Object> line;
            try {
                line = JSON.readValue(text, new TypeReference<Map<String, Object>>() {});
            } catch (IOException e) {
                LOG.warn("{}:{}: skipping an unreadable revert journal line (a write torn by a crash): {}",
                        file, i + 1, e.getMessage());
                continue;
            }
            String id = (String) line.get("id");
            switch (String.valueOf(line.get("op"))) {
                case "record" -> pending.put(id, fromJson((Map<String, Object>) line.get("record")));
                case "update" -> pending.computeIfPresent(id,
                        (k, r) -> r.withData((Map<String, String>) line.get("data")));
                case "done" -> pending.remove(id);
                default -> LOG.warn("{}:{}: unknown revert journal operation {}", file, i + 1, line.get("op"));
            }
        }
        return pending;
    }

    private static final class Claimed {
        final FileChannel channel;
        final Map<String, RevertRecord> pending;

        Claimed(FileChannel channel, Map<String, RevertRecord> pending) {
            this.channel = channel;
            this.pending = pending;
        }
    }
}
