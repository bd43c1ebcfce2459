package org.segloop.core.project;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The one-writer lock of a project: an OS file lock on {@code segloop.lock} (released by the OS
 * when the process dies, so a crash never leaves a project locked), with the holder's PID, host
 * and start time written into the file so that a second writer is told who has the project.
 */
public final class ProjectLock implements AutoCloseable {

	static final String FILE = "segloop.lock";

	private final FileChannel channel;
	private final FileLock lock;

	private ProjectLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	/** Takes the lock or throws {@link ProjectLockedException} naming the holder; never waits. */
	public static ProjectLock acquire(Path projectDir) {
		Path file = projectDir.resolve(FILE);
		FileChannel channel = null;
		try {
			channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
			FileLock lock;
			try {
				lock = channel.tryLock();
			}
			catch (OverlappingFileLockException sameJvm) {
				lock = null;
			}
			if (lock == null) {
				String holder = readHolder(channel);
				channel.close();
				throw new ProjectLockedException(projectDir, holder);
			}
			byte[] me = ("pid=" + ProcessHandle.current().pid() + "\nhost=" + host() + "\nsince=" + Instant.now() + "\n")
				.getBytes(StandardCharsets.UTF_8);
			channel.truncate(0);
			channel.write(ByteBuffer.wrap(me), 0);
			channel.force(true);
			return new ProjectLock(channel, lock);
		}
		catch (IOException e) {
			closeQuietly(channel);
			throw new ProjectException(file, "cannot be locked: " + e.getMessage(),
				"check that the project folder is writable and on a local disk (network file systems break SQLite's WAL mode)", e);
		}
	}

	private static String readHolder(FileChannel channel) throws IOException {
		ByteBuffer b = ByteBuffer.allocate(512);
		int n = channel.read(b, 0);
		String text = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.UTF_8);
		String pid = field(text, "pid"), host = field(text, "host"), since = field(text, "since");
		return pid == null ? "another SegLoop process" : "process " + pid + " on " + host + " (since " + since + ")";
	}

	private static String field(String text, String key) {
		for (String line : text.split("\n"))
			if (line.startsWith(key + "=")) return line.substring(key.length() + 1).trim();
		return null;
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException e) {
			return "this machine";
		}
	}

	private static void closeQuietly(FileChannel c) {
		try {
			if (c != null) c.close();
		}
		catch (IOException ignored) {
			// already failing; the original error is reported
		}
	}

	@Override
	public void close() {
		try {
			lock.release();
			channel.truncate(0);
		}
		catch (IOException ignored) {
			// the OS releases the lock with the channel anyway
		}
		closeQuietly(channel);
	}
}
