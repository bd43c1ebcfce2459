package org.segloop.core.loop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.segloop.core.image.Calibration;
import org.segloop.core.image.ImageSources;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.inference.ImageFit;
import org.segloop.core.inference.NormalisedInput;
import org.segloop.core.inference.Preprocessor;
import org.segloop.core.metrics.Components;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.SegLoopSettings.InstanceMode;
import org.segloop.core.output.LabelFiles;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.training.TrainingSample;
import org.segloop.core.training.TrainingTargets;

/**
 * A project's accepted corrections as training samples for a model: the latest correction of each
 * corrected image, its image normalised as the model's preprocessing does, and classes the way the
 * model predicts them (for a boundary model, instance masks get a boundary ring between and around
 * objects). A 2D model gets one sample per plane, a 3D model one per volume (per frame) with its
 * voxel size. Blocking; reads every corrected image once.
 */
public final class CorrectionSamples {

	/** Training planes by image (in correction order), and the corrections they came from. */
	public record Loaded(Map<String, List<TrainingSample>> byImage, List<Correction> corrections) {}

	private CorrectionSamples() {}

	/** The latest correction of each corrected image, oldest first. */
	public static List<Correction> latestPerImage(ProjectStore store) {
		Map<Long, Correction> latest = new LinkedHashMap<>();
		for (Correction c : store.corrections().all()) {
			latest.remove(c.imageId()); // keep the order of the latest correction
			latest.put(c.imageId(), c);
		}
		return List.copyOf(latest.values());
	}

	public static Loaded load(ProjectStore store, ModelPackage pkg, List<Correction> corrections) {
		Map<String, List<TrainingSample>> out = new LinkedHashMap<>();
		int boundary = pkg.description().settings().instanceMode() == InstanceMode.BOUNDARY ? pkg.description().settings().boundaryChannel() : -1;
		int classes = pkg.classNames().size();
		for (Correction c : corrections) {
			ImageRecord record = store.images().byId(c.imageId()).orElseThrow();
			store.images().verify(record);
			ImageVolume image = ImageSources.read(record.path());
			LabelVolume mask = LabelFiles.read(store.files().verifiedFor(record, c.maskFile(), "stored correction"), record, -1, "stored correction");
			LabelVolume target = targets(store, pkg, c, record, mask, boundary, classes);
			String name = record.path().getFileName().toString();
			List<TrainingSample> samples = new java.util.ArrayList<>();
			if (ImageFit.isVolumetric(pkg.description())) {
				out.put(c.imageId() + ":" + name, volumes(pkg, image, target, name));
				continue;
			}
			float[][] planes = NormalisedInput.planes(pkg, image, Preprocessor.NonFinitePolicy.FAIL);
			for (int p = 0; p < planes.length; p++)
				samples.add(new TrainingSample(planes.length == 1 ? name : name + " plane " + (p + 1), image.width(), image.height(), image.channels(),
					planes[p], target.labels()[p]));
			out.put(c.imageId() + ":" + name, samples);
		}
		return new Loaded(out, corrections);
	}

	/** One sample per frame: the whole normalised volume and its classes, with the voxel size when the image is calibrated. */
	private static List<TrainingSample> volumes(ModelPackage pkg, ImageVolume image, LabelVolume target, String name) {
		float[][] volumes = NormalisedInput.volumes(pkg, image, Preprocessor.NonFinitePolicy.FAIL);
		Calibration cal = image.calibration();
		double[] spacing = "pixel".equals(cal.unit()) ? null : new double[] { cal.pixelWidth(), cal.pixelHeight(), cal.pixelDepth() };
		int n = image.width() * image.height(), depth = image.slices();
		List<TrainingSample> samples = new java.util.ArrayList<>();
		for (int t = 0; t < volumes.length; t++) {
			int[] classes = new int[depth * n];
			for (int z = 0; z < depth; z++) System.arraycopy(target.labels()[z + depth * t], 0, classes, z * n, n);
			samples.add(new TrainingSample(volumes.length == 1 ? name : name + " frame " + (t + 1), image.width(), image.height(), depth,
				image.channels(), volumes[t], classes, spacing));
		}
		return samples;
	}

	private static LabelVolume targets(ProjectStore store, ModelPackage pkg, Correction c, ImageRecord record, LabelVolume mask, int boundary,
		int classes)
	{
		LabelVolume instances, objectClasses;
		if ("instance".equals(c.kind())) {
			instances = mask;
			LabelVolume proposal = classes > 2
				? LabelFiles.read(store.files().verifiedFor(record, store.predictions().byId(c.predictionId()).orElseThrow().classesFile(), "proposal"), record, -1,
					"proposal")
				: null;
			objectClasses = TrainingTargets.classesOfInstances(mask, proposal, boundary);
		}
		else {
			if (boundary < 0 || contains(mask, boundary)) return mask; // classes as painted
			instances = Components.ofClasses(mask);
			objectClasses = mask;
		}
		int[][] out = new int[mask.labels().length][];
		for (int p = 0; p < out.length; p++)
			out[p] = TrainingTargets.ofInstances(instances.labels()[p], mask.width(), mask.height(), objectClasses.labels()[p], boundary);
		return new LabelVolume(mask.width(), mask.height(), mask.slices(), mask.frames(), out, mask.spacing());
	}

	private static boolean contains(LabelVolume v, int value) {
		for (int[] p : v.labels())
			for (int x : p) if (x == value) return true;
		return false;
	}
}
