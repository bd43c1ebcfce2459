package org.segloop.core.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.segloop.core.SegLoopException;
import org.segloop.core.UserAction;
import org.segloop.core.export.SplitPlan.Subset;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.metrics.Components;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.util.Folders;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;

/**
 * Exports a project's corrected images as a training dataset. Every accepted correction (the
 * latest per image) becomes a case; cases are split with the seeded {@link SplitPlan}. The dataset
 * is written into a staging folder next to the target and moved into place only when complete, with
 * {@code provenance.json} (who corrected what, on which model version's proposal, how much changed),
 * so a failed, cancelled or killed export never leaves a half-written dataset behind.
 *
 * <p>Blocking; reads the project only (works on a project opened read-only, while others annotate).
 */
public final class DatasetExport {

	/** What was exported. */
	/** What was exported; {@code notes} say what the format left out and why. */
	public record Report(Path folder, int cases, Map<Subset, Integer> perSubset, double seconds, List<String> notes) {}

	private final ProjectStore store;

	public DatasetExport(ProjectStore store) {
		this.store = store;
	}

	/**
	 * @param requested folder to create; it must not exist or be empty, and lie outside the project (see {@link OutputFolder})
	 * @throws SegLoopException when there is nothing to export, the target is in use, or an image
	 *     or mask cannot be read (naming it); nothing is left at {@code target} then
	 */
	public Report export(Path requested, ExportSettings settings, ProgressListener progress, Cancellation cancel) {
		long start = System.nanoTime();
		Path target = OutputFolder.check(requested, store.folder());
		List<ExportCase> cases = cases(settings.split());
		if (cases.isEmpty()) throw new SegLoopException(store.folder(), "has no accepted corrections to export",
			"correct some images first", UserAction.ANNOTATE.on(store.folder()));
		Path staging = OutputFolder.staging(target);
		List<String> notes;
		Folders.deleteQuietly(staging);
		try {
			Files.createDirectories(staging);
			ModelPackage model = ModelPackage.open(store.models().current().source());
			List<String> labels = model.maskLabelNames();
			int boundary = model.description().settings().boundaryChannel();
			DatasetWriter writer = ExportFormats.writer(settings.format(), staging, settings, labels, boundary);
			Map<String, org.segloop.core.image.Calibration> calibrations = new HashMap<>();
			for (int i = 0; i < cases.size(); i++) {
				cancel.check();
				ExportCase c = cases.get(i);
				progress.update(i, cases.size(), c.caseId());
				CaseData data = load(c, labels.size(), boundary);
				calibrations.put(c.caseId(), data.image().calibration());
				writer.add(c, data);
			}
			writer.finish();
			notes = writer.notes();
			Provenance.write(staging.resolve("provenance.json"), store, settings, labels, cases, calibrations);
			Files.deleteIfExists(target); // an empty folder: checked above
			Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
			progress.update(cases.size(), cases.size(), "done");
		}
		catch (IOException e) {
			Folders.deleteQuietly(staging);
			throw new SegLoopException(target, "cannot be written: " + e.getMessage(), "check free disk space and permissions, then export again", e);
		}
		catch (RuntimeException e) {
			Folders.deleteQuietly(staging);
			throw e;
		}
		Map<Subset, Integer> perSubset = new EnumMap<>(Subset.class);
		for (Subset s : Subset.values()) perSubset.put(s, (int) cases.stream().filter(c -> c.subset() == s).count());
		return new Report(target, cases.size(), perSubset, (System.nanoTime() - start) / 1e9, notes);
	}

	/** The latest correction of every corrected image, with a unique case id and its subset (fixed by the image's content and the seed). */
	List<ExportCase> cases(SplitPlan split) {
		Map<Long, Correction> latest = new HashMap<>();
		for (Correction c : store.corrections().all()) latest.put(c.imageId(), c); // ordered by id: later wins
		List<ExportCase> out = new ArrayList<>();
		Set<String> used = new java.util.HashSet<>();
		for (ImageRecord image : store.images().all()) {
			Correction c = latest.get(image.id());
			if (c == null) continue;
			out.add(new ExportCase(caseId(image, used), image, c, store.predictions().byId(c.predictionId()).orElseThrow(),
				store.models().byId(c.modelId()).orElseThrow(), split.subsetOf(image.sha256())));
		}
		out.sort(java.util.Comparator.comparing(ExportCase::caseId));
		return out;
	}

	/** The file name without extension, reduced to letters, digits, '-' and '_', made unique. */
	private static String caseId(ImageRecord image, Set<String> used) {
		String name = image.path().getFileName().toString().replaceFirst("(\\.ome)?\\.[^.]+$", "").replaceAll("[^A-Za-z0-9_-]+", "_");
		if (name.isEmpty()) name = "image";
		String id = name;
		for (int n = 2; !used.add(id); n++) id = name + "-" + n;
		return id;
	}

	private CaseData load(ExportCase c, int labelCount, int boundaryClass) {
		store.images().verify(c.image());
		ImageVolume image = ImageSources.read(c.image().path());
		LabelVolume mask = LabelFiles.read(store.files().verifiedFor(c.image(), c.correction().maskFile(), "stored correction"), c.image(), -1, "stored correction");
		if (!"instance".equals(c.correction().kind())) return new CaseData(image, mask, Components.ofClasses(mask.withoutLabel(boundaryClass)));
		LabelVolume proposal = labelCount > 2 ? LabelFiles.read(store.files().verifiedFor(c.image(), c.prediction().classesFile(), "proposal"), c.image(), -1, "proposal") : null;
		return new CaseData(image, org.segloop.core.training.TrainingTargets.classesOfInstances(mask, proposal, boundaryClass), mask);
	}
}
