package org.segloop.core.dicom.deid;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.segloop.core.SegLoopException;

/**
 * The secret behind de-identification: HMAC-SHA256 of original values gives the replacement UIDs
 * ({@code 2.25.<decimal>}), the patient pseudonyms and the per-patient date shift. The same key gives
 * the same replacements in every run, so a later series of a study joins the study's earlier ones;
 * without the key, replacements cannot be traced back or recomputed from guessed originals.
 *
 * <p>Stored as a text file of 64 hex digits, readable by its owner only where the file system allows.
 * Immutable and thread-safe.
 */
public final class DeidKey {

	private static final int BYTES = 32;
	private static final HexFormat HEX = HexFormat.of();

	private final SecretKeySpec spec;
	private final ThreadLocal<Mac> mac;

	private DeidKey(byte[] secret) {
		spec = new SecretKeySpec(secret, "HmacSHA256");
		mac = ThreadLocal.withInitial(() -> {
			try {
				Mac m = Mac.getInstance("HmacSHA256");
				m.init(spec);
				return m;
			}
			catch (GeneralSecurityException e) {
				throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
			}
		});
	}

	/** A new random key that is not stored: replacements are consistent within this run only. */
	public static DeidKey random() {
		byte[] b = new byte[BYTES];
		new SecureRandom().nextBytes(b);
		return new DeidKey(b);
	}

	/**
	 * The key in {@code file}, created with a new random secret when the file does not exist.
	 * Blocking (file I/O).
	 *
	 * @throws SegLoopException when the file cannot be read or written, or holds no key
	 */
	public static DeidKey loadOrCreate(Path file) {
		if (!Files.exists(file)) {
			try {
				byte[] b = new byte[BYTES];
				new SecureRandom().nextBytes(b);
				Path dir = file.toAbsolutePath().getParent();
				Files.createDirectories(dir);
				Path tmp = Files.createTempFile(dir, ".key", ".tmp");
				try {
					Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
				}
				catch (UnsupportedOperationException e) {
					// not a POSIX file system (Windows): the folder's permissions apply
				}
				Files.writeString(tmp, HEX.formatHex(b) + "\n", StandardCharsets.US_ASCII);
				try {
					Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE); // no REPLACE_EXISTING: never overwrite a key someone made meanwhile
				}
				catch (FileAlreadyExistsException e) {
					Files.deleteIfExists(tmp);
				}
			}
			catch (IOException e) {
				throw new SegLoopException(file, "cannot be created as the de-identification key (" + e.getMessage() + ")",
					"give a key file in a writable folder");
			}
		}
		return load(file);
	}

	/** @throws SegLoopException when the file cannot be read or holds no key of at least 128 bits */
	public static DeidKey load(Path file) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.US_ASCII).trim();
		}
		catch (IOException e) {
			throw new SegLoopException(file, "cannot be read as the de-identification key (" + e.getMessage() + ")",
				"check the file's permissions");
		}
		try {
			byte[] b = HEX.parseHex(text);
			if (b.length >= 16) return new DeidKey(b);
		}
		catch (IllegalArgumentException e) {
			// reported below
		}
		throw new SegLoopException(file, "is not a de-identification key (expected at least 32 hex digits)",
			"give the key file SegLoop created, or a new file name to create one");
	}

	/** HMAC-SHA256 of {@code purpose + ":" + value}; the purpose keeps UIDs, names and shifts independent. */
	byte[] mac(String purpose, String value) {
		return mac.get().doFinal((purpose + ":" + value).getBytes(StandardCharsets.UTF_8));
	}

	/** The replacement of a UID: {@code 2.25.} and 128 bits of the keyed hash in decimal (at most 44 characters). */
	public String uid(String original) {
		byte[] h = mac("uid", original);
		return "2.25." + new BigInteger(1, java.util.Arrays.copyOf(h, 16));
	}

	/** The pseudonym of a patient: {@code ANON-} and 12 hex digits of the keyed hash, for PatientID and PatientName. */
	public String pseudonym(String patientKey) {
		return "ANON-" + HEX.formatHex(mac("patient", patientKey), 0, 6).toUpperCase(java.util.Locale.ROOT);
	}

	/** How many days this patient's dates move back: 365 to 4014, the same for every object of the patient. */
	public int dayShift(String patientKey) {
		byte[] h = mac("dates", patientKey);
		int v = ((h[0] & 0xff) << 16) | ((h[1] & 0xff) << 8) | (h[2] & 0xff);
		return 365 + v % 3650;
	}
}
