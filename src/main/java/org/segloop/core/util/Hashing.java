package org.segloop.core.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content hashes, used to verify weights and to address cached packages. */
public final class Hashing {

	private Hashing() {}

	public static String sha256(Path file) {
		MessageDigest digest = newDigest();
		byte[] buffer = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(file)) {
			for (int n; (n = in.read(buffer)) > 0;)
				digest.update(buffer, 0, n);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + file, e);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	public static String sha256(byte[] bytes) {
		return HexFormat.of().formatHex(newDigest().digest(bytes));
	}

	/** A fresh SHA-256 digest, for hashing while a stream is read for something else. */
	public static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every JVM has SHA-256", e);
		}
	}
}
