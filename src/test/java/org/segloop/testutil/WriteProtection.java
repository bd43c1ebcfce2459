package org.segloop.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Makes a folder really unwritable for this process, and writable again: by permissions, or —
 * when the tests run as root, for whom permissions are not enforced — by the immutable attribute
 * ({@code chattr +i}, which binds root too). Fails loudly when neither works here, so a test of
 * read-only behaviour never passes on a folder that was writable after all.
 */
public final class WriteProtection implements AutoCloseable {

	private final Path folder;
	private final boolean immutable;

	private WriteProtection(Path folder, boolean immutable) {
		this.folder = folder;
		this.immutable = immutable;
	}

	public static WriteProtection of(Path folder) throws IOException, InterruptedException {
		setWritable(folder, false);
		if (!canWriteIn(folder)) return new WriteProtection(folder, false);
		setWritable(folder, true);
		if (run("chattr", "-R", "+i", folder.toString()) == 0 && !canWriteIn(folder)) return new WriteProtection(folder, true);
		run("chattr", "-R", "-i", folder.toString());
		throw new AssertionError("cannot make " + folder + " unwritable here: permissions are not enforced and chattr +i is not allowed");
	}

	@Override
	public void close() throws IOException, InterruptedException {
		if (immutable) run("chattr", "-R", "-i", folder.toString());
		setWritable(folder, true);
	}

	private static boolean canWriteIn(Path folder) {
		try {
			Files.delete(Files.createTempFile(folder, "probe", ".tmp"));
			return true;
		}
		catch (IOException e) {
			return false;
		}
	}

	private static void setWritable(Path folder, boolean writable) throws IOException {
		try (Stream<Path> all = Files.walk(folder)) {
			for (Path p : (Iterable<Path>) all::iterator) {
				Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
				for (PosixFilePermission w : List.of(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE))
					if (writable && w == PosixFilePermission.OWNER_WRITE) perms.add(w);
					else if (!writable) perms.remove(w);
				Files.setPosixFilePermissions(p, perms);
			}
		}
	}

	private static int run(String... command) throws IOException, InterruptedException {
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
	}
}
