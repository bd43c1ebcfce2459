package org.segloop.core.dicom.deid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

import org.segloop.core.SegLoopException;
import org.segloop.core.UserSetting;
import org.segloop.core.dicom.DicomFiles;
import org.segloop.core.dicom.DicomObjects;
import org.segloop.core.image.ImageInputException;
import org.segloop.core.util.Hashing;

/**
 * Writes de-identified copies of DICOM files: {@code out/<study>/<series>/<instance>.dcm}, each name
 * 16 hex digits of the SHA-256 of the replacement UID, so names say nothing about the patient or the
 * original files and the same instance always lands on the same file. Inputs are never written;
 * each copy is written to a temporary file and moved into place atomically.
 *
 * <p>All or nothing for burned-in text: when any input may show burned-in text
 * ({@link BurnedInText}) and the caller did not accept that, nothing is written.
 *
 * <p>Blocking; files are de-identified in parallel on the common fork-join pool.
 */
public final class DeidentifyFiles {

	/**
	 * What a run did.
	 *
	 * @param copies the de-identified copies, sorted
	 * @param seriesFolders the series folders the copies are in, sorted
	 * @param notDicom how many input files were not DICOM (left out, not named)
	 * @param unreadable DICOM inputs that could not be read or de-identified, each naming the input
	 * @param burnedInAccepted how many copies may show burned-in text (accepted by the caller)
	 * @param notImages with {@code imagesOnly}: how many DICOM objects were not images (reports, segmentations, ...) and were left out
	 */
	public record Outcome(List<Path> copies, List<Path> seriesFolders, int notDicom, List<SegLoopException> unreadable, int burnedInAccepted,
		int notImages) {}

	private final Deidentifier deidentifier;
	private final boolean acceptBurnedInText;
	private final boolean imagesOnly;

	/** Copies every DICOM object. */
	public DeidentifyFiles(DeidKey key, DeidOptions options, boolean acceptBurnedInText) {
		this(key, options, acceptBurnedInText, false);
	}

	/**
	 * @param imagesOnly leave out DICOM objects that are not images (structured reports may hold free
	 *        text in content items that Table E.1-1 does not list; a project needs images only)
	 */
	public DeidentifyFiles(DeidKey key, DeidOptions options, boolean acceptBurnedInText, boolean imagesOnly) {
		this.deidentifier = new Deidentifier(key, options);
		this.acceptBurnedInText = acceptBurnedInText;
		this.imagesOnly = imagesOnly;
	}

	/**
	 * De-identifies the DICOM files among {@code inputs} (files, or folders searched recursively,
	 * skipping hidden files and anything inside {@code out}) into {@code out}.
	 *
	 * @throws SegLoopException when an input does not exist, or inputs may show burned-in text that was not accepted
	 */
	public Outcome run(List<Path> inputs, Path out) {
		List<Path> dicom = new ArrayList<>();
		int[] notDicom = { 0 };
		for (Path input : inputs) collect(input, out, dicom, notDicom);
		List<SegLoopException> unreadable = Collections.synchronizedList(new ArrayList<>());
		List<Path> notImages = Collections.synchronizedList(new ArrayList<>());
		List<Path> burned = refuseBurnedIn(dicom, notImages);
		List<Path> copies = Collections.synchronizedList(new ArrayList<>());
		java.util.Set<Path> skip = new java.util.HashSet<>(notImages);
		dicom.stream().filter(f -> !skip.contains(f)).toList().parallelStream().forEach(f -> {
			try {
				copies.add(copy(f, out));
			}
			catch (SegLoopException e) {
				unreadable.add(e);
			}
		});
		List<Path> sorted = copies.stream().sorted().distinct().toList();
		List<Path> folders = new ArrayList<>(new TreeSet<>(sorted.stream().map(Path::getParent).toList()));
		List<SegLoopException> bad = new ArrayList<>(unreadable);
		bad.sort(java.util.Comparator.comparing(e -> String.valueOf(e.file())));
		return new Outcome(sorted, folders, notDicom[0], bad, burned.size(), notImages.size());
	}

	private static void collect(Path input, Path out, List<Path> dicom, int[] notDicom) {
		if (Files.isDirectory(input)) {
			Path outAbs = out.toAbsolutePath().normalize();
			try (Stream<Path> s = Files.walk(input)) {
				for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
					if (f.toAbsolutePath().normalize().startsWith(outAbs) || f.getFileName().toString().startsWith(".")) continue;
					if (DicomFiles.isDicom(f) && !f.getFileName().toString().equalsIgnoreCase("DICOMDIR")) dicom.add(f); // an index of a CD: not copied
					else notDicom[0]++;
				}
			}
			catch (IOException | UncheckedIOException e) {
				throw new SegLoopException(input, "cannot be listed (" + e.getMessage() + ")", "check that the folder exists and is readable", e);
			}
		}
		else if (Files.isRegularFile(input)) {
			if (DicomFiles.isDicom(input)) dicom.add(input);
			else notDicom[0]++;
		}
		else throw new ImageInputException(input, "does not exist", "check the path");
	}

	/**
	 * Header pass: the files that may show burned-in text; throws unless accepted. With
	 * {@code imagesOnly}, objects that are not images go to {@code notImages} (and are not checked).
	 */
	private List<Path> refuseBurnedIn(List<Path> dicom, List<Path> notImages) {
		List<SegLoopException> flagged = Collections.synchronizedList(new ArrayList<>());
		dicom.parallelStream().forEach(f -> {
			try {
				AttributeList header = DicomFiles.header(f);
				if (imagesOnly && !DicomObjects.isImage(Attribute.getSingleStringValueOrEmptyString(header, TagFromName.SOPClassUID).trim())) {
					notImages.add(f);
					return;
				}
				String why = BurnedInText.reason(header);
				if (why != null) flagged.add(new ImageInputException(f, "may show burned-in text: " + why, ""));
			}
			catch (SegLoopException e) {
				// reported when the copy is attempted
			}
		});
		if (flagged.isEmpty() || acceptBurnedInText) return flagged.stream().map(SegLoopException::file).toList();
		List<SegLoopException> sorted = new ArrayList<>(flagged);
		sorted.sort(java.util.Comparator.comparing(e -> String.valueOf(e.file())));
		SegLoopException first = sorted.get(0);
		throw new SegLoopException(first.file(), first.problem() + (sorted.size() > 1 ? " (and " + (sorted.size() - 1) + " more file(s))" : "")
			+ "; SegLoop removes identifying attributes but does not redact pixels, so nothing was written",
			"check these images for names, dates or IDs in the pixels (or leave them out), then accept burned-in text",
			UserSetting.ACCEPT_BURNED_IN_TEXT);
	}

	private Path copy(Path source, Path out) {
		AttributeList list = DicomFiles.full(source);
		Deidentifier.Pseudonymous ids;
		try {
			ids = deidentifier.apply(list);
		}
		catch (DicomException | RuntimeException e) {
			throw new ImageInputException(source, "cannot be de-identified (" + e.getClass().getSimpleName() + ")", "leave the file out or repair it");
		}
		if (ids.studyUid().isEmpty() || ids.seriesUid().isEmpty() || ids.sopInstanceUid().isEmpty())
			throw new ImageInputException(source, "lacks a study, series or SOP instance UID", "leave the file out or repair it");
		// PixelMed decompresses pixel data when reading; every copy is written in Explicit VR Little Endian
		// (implicit VR would lose the VRs of attributes a reader's dictionary does not know)
		String writeTs = TransferSyntax.ExplicitVRLittleEndian;
		Path folder = out.resolve(name(ids.studyUid())).resolve(name(ids.seriesUid()));
		Path target = folder.resolve(name(ids.sopInstanceUid()) + ".dcm");
		Path tmp = null;
		try {
			Files.createDirectories(folder);
			tmp = Files.createTempFile(folder, ".deid", ".tmp");
			FileMetaInformation.addFileMetaInformation(list, writeTs, "SEGLOOP");
			list.write(tmp.toFile(), writeTs, true, true);
			Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return target;
		}
		catch (IOException | DicomException | RuntimeException e) {
			deleteQuietly(tmp);
			// the message names the source (the user's own file), never the copy's content
			throw new ImageInputException(source, "could not be written as a de-identified copy (" + e.getClass().getSimpleName() + ")",
				"check that the output folder is writable and the disk not full");
		}
	}

	/** The file or folder name for a replacement UID. */
	public static String name(String uid) {
		return Hashing.sha256(uid.getBytes(StandardCharsets.US_ASCII)).substring(0, 16);
	}

	private static void deleteQuietly(Path p) {
		if (p == null) return;
		try {
			Files.deleteIfExists(p);
		}
		catch (IOException e) {
			// nothing more to do: a hidden .tmp file is all that remains
		}
	}
}
