package org.segloop.core.dicom;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomFileUtilities;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;

import org.segloop.core.image.ImageInputException;
import org.segloop.core.image.QuietImageIo;
import org.segloop.core.util.Hashing;

/** Reading DICOM files with PixelMed, with SegLoop's typed errors that name the file. */
public final class DicomFiles {

	static {
		QuietImageIo.registerJpegLosslessReader(); // PixelMed decodes JPEG lossless with it
	}

	private DicomFiles() {}

	/** Whether the file is DICOM (Part 10, or an old headerless data set), from its first bytes. */
	public static boolean isDicom(Path file) {
		try {
			return DicomFileUtilities.isDicomOrAcrNemaFile(file.toFile());
		}
		catch (RuntimeException e) {
			return false;
		}
	}

	/** The data set without its pixel data (reading stops there): cheap even for large files. */
	public static AttributeList header(Path file) {
		return read(file, true);
	}

	/** The whole data set, compressed pixel data decompressed. */
	public static AttributeList full(Path file) {
		return read(file, false);
	}

	/** A data set read from a file together with the SHA-256 of the whole file. */
	record Hashed(AttributeList list, String sha256) {}

	/**
	 * The header (as {@link #header}) or the whole data set (as {@link #full}) and the file's SHA-256
	 * in one pass over the file: what PixelMed does not parse is hashed without being parsed.
	 */
	static Hashed readAndHash(Path file, boolean headerOnly) {
		java.security.MessageDigest digest = Hashing.newDigest();
		return guarded(file, () -> {
			// the buffer outside the digest: a mark/reset while PixelMed looks for the preamble does not hash bytes twice
			try (InputStream in = new BufferedInputStream(new DigestInputStream(Files.newInputStream(file), digest), 1 << 16)) {
				AttributeList list = new AttributeList();
				DicomInputStream dicom = new DicomInputStream(in);
				if (headerOnly) list.read(dicom, TagFromName.PixelData);
				else list.read(dicom);
				in.transferTo(OutputStream.nullOutputStream());
				return new Hashed(list, java.util.HexFormat.of().formatHex(digest.digest()));
			}
		});
	}

	private static AttributeList read(Path file, boolean headerOnly) {
		return guarded(file, () -> {
			AttributeList list = new AttributeList();
			if (headerOnly) list.read(file.toFile(), TagFromName.PixelData);
			else list.read(file.toFile());
			return list;
		});
	}

	/** A read by PixelMed, which reports a bad file in many ways. */
	private interface Parse<T> {
		T run() throws IOException, DicomException;
	}

	/** Runs a read and turns every way PixelMed fails on a bad file into an error naming the file. */
	private static <T> T guarded(Path file, Parse<T> parse) {
		try {
			return parse.run();
		}
		catch (IOException | DicomException | RuntimeException e) {
			throw unreadable(file, e);
		}
		catch (OutOfMemoryError e) {
			// a length field that claims gigabytes: PixelMed allocates what the file says
			throw new ImageInputException(file, "declares an element larger than memory allows; the file is damaged",
				"replace the file with an intact copy from the archive", e);
		}
		catch (StackOverflowError e) {
			throw tooDeep(file, e);
		}
	}

	/**
	 * PixelMed reads nested sequences recursively: thousands of levels (no real object has more than
	 * a handful) exhaust the thread's stack. The error unwinds the reader's frames only, so it is
	 * safe to report as a bad file.
	 */
	private static ImageInputException tooDeep(Path file, StackOverflowError e) {
		return new ImageInputException(file, "nests sequences too deeply (damaged or hostile file); it cannot be read",
			"replace the file with an intact copy from the archive or PACS", e);
	}

	static ImageInputException unreadable(Path file, Exception e) {
		String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
		return new ImageInputException(file, "cannot be read as DICOM (" + m + "); it may be truncated or damaged",
			"replace the file with an intact copy from the archive or PACS", e);
	}

	static String string(AttributeList a, AttributeTag tag) {
		return Attribute.getSingleStringValueOrEmptyString(a, tag).trim();
	}

	static int integer(AttributeList a, AttributeTag tag, int fallback) {
		return Attribute.getSingleIntegerValueOrDefault(a, tag, fallback);
	}

	/** The attribute's decimal values, or null when absent or malformed. */
	static double[] doubles(AttributeList a, AttributeTag tag) {
		Attribute at = a.get(tag);
		if (at == null || at.getVM() == 0) return null;
		try {
			return at.getDoubleValues();
		}
		catch (DicomException | NumberFormatException e) {
			return null;
		}
	}
}
