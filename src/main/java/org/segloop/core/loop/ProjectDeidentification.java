package org.segloop.core.loop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.segloop.core.SegLoopException;
import org.segloop.core.UserSetting;
import org.segloop.core.dicom.deid.DeidKey;
import org.segloop.core.dicom.deid.DeidOptions;
import org.segloop.core.dicom.deid.DeidentifyFiles;
import org.segloop.core.project.ProjectStore;

/**
 * A project that never holds patient data: every DICOM file it is given is de-identified into
 * {@code project/dicom/<study>/<series>/<instance>.dcm} (see {@link DeidentifyFiles}) and only those
 * copies are registered; the original paths are not stored. The secret of the keyed hash is
 * {@code project/deidentify.key}, so every later {@code add} maps a study's UIDs as the first one
 * did. Files that are not DICOM, and DICOM objects that are not images (reports may hold free text
 * the profile does not list), are left out. Notices count what was left out without naming the originals.
 */
public final class ProjectDeidentification {

	/** The project's secret (in the project folder). */
	public static final String KEY_FILE = "deidentify.key";
	/** Where the de-identified copies are (in the project folder). */
	public static final String COPIES_FOLDER = "dicom";

	/**
	 * What a new project de-identifies.
	 *
	 * @param acceptBurnedInText also take images that may show burned-in text (their pixels are copied unchanged)
	 */
	public record Request(DeidOptions options, boolean acceptBurnedInText) {}

	/**
	 * What to register instead of the user's inputs.
	 *
	 * @param inputs the folders of the de-identified series, for {@code DicomInputs.expand}
	 * @param notices what was left out, by count
	 */
	public record Copies(List<Path> inputs, List<String> notices) {}

	private ProjectDeidentification() {}

	/** Makes a new project de-identifying: creates its key and records the profile. */
	static void enable(ProjectStore store, DeidOptions options) {
		DeidKey.loadOrCreate(store.folder().resolve(KEY_FILE));
		store.saveDeidentification(options.id());
	}

	/** The profile of a de-identifying project, or null when the project references files in place. */
	public static DeidOptions of(ProjectStore store) {
		String id = store.deidentification();
		return id == null ? null : DeidOptions.parse(id);
	}

	/**
	 * De-identifies the DICOM files among {@code inputs} into the project. Blocking.
	 *
	 * @param skipBad leave unreadable DICOM files out (counted in the notices) instead of failing
	 * @throws SegLoopException when no DICOM file could be copied, a DICOM file is unreadable (without
	 *         {@code skipBad}), or images may show burned-in text that was not accepted
	 */
	public static Copies copy(ProjectStore store, List<Path> inputs, boolean acceptBurnedInText, boolean skipBad) {
		DeidOptions options = of(store);
		if (options == null) throw new IllegalStateException("the project does not de-identify");
		DeidKey key = DeidKey.load(store.folder().resolve(KEY_FILE));
		Path out = store.folder().resolve(COPIES_FOLDER);
		DeidentifyFiles.Outcome o = new DeidentifyFiles(key, options, acceptBurnedInText, true).run(inputs, out);
		if (!o.unreadable().isEmpty() && !skipBad) {
			SegLoopException first = o.unreadable().get(0);
			throw new SegLoopException(first.file(), first.problem() + (o.unreadable().size() > 1 ? " (and " + (o.unreadable().size() - 1)
				+ " more unreadable file(s))" : "") + "; nothing was registered", first.fix() + ", or leave the unreadable files out",
				UserSetting.SKIP_BAD);
		}
		List<String> notices = new ArrayList<>();
		if (!o.unreadable().isEmpty()) notices.add("left out " + o.unreadable().size() + " unreadable DICOM file(s)");
		if (o.notImages() > 0) notices.add("left out " + o.notImages() + " DICOM object(s) that are not images (reports, segmentations, ...)");
		if (o.notDicom() > 0) notices.add("left out " + o.notDicom() + " file(s) that are not DICOM: a de-identified project takes DICOM only");
		if (o.burnedInAccepted() > 0) notices.add(o.burnedInAccepted() + " de-identified image(s) may show burned-in text (accepted): check their pixels");
		if (o.copies().isEmpty()) throw new SegLoopException(null, "the inputs hold no DICOM file that could be de-identified",
			"give DICOM files or folders holding them");
		return new Copies(o.seriesFolders(), notices);
	}
}
