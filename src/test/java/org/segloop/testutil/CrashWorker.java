package org.segloop.testutil;

import java.nio.file.Path;

import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.loop.CorrectionIntake;
import org.segloop.core.loop.Predictor;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.ImageQueue;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;

/**
 * A child JVM that works on a project until it is killed: {@code predict PROJECT} predicts every
 * pending image (also the re-scoring after a new model version); {@code accept PROJECT MASKDIR}
 * takes image after image and accepts a correction; {@code export PROJECT OUT} exports the
 * corrections as a TIFF dataset; {@code sweep PROJECT} runs the orphan sweep; {@code remove
 * PROJECT} removes the images one by one. It prints {@code READY} once the project is open and
 * {@code ACK …} after each accept or removal returned, so the parent knows what was acknowledged
 * before the kill.
 */
public final class CrashWorker {

	public static void main(String[] args) throws Exception {
		Path project = Path.of(args[1]);
		boolean reads = args[0].equals("export");
		try (ProjectStore p = ProjectStore.open(project, reads ? ProjectStore.Access.READ_ONLY : ProjectStore.Access.READ_WRITE)) {
			System.out.println("READY");
			System.out.flush();
			if (args[0].equals("predict")) {
				new Predictor(p, RuntimeOptions.withThreads(1)).run((d, t, r, pr) -> {
					System.out.println("PREDICTED " + r.id());
					System.out.flush();
				}, ProgressListener.NONE, new Cancellation());
			}
			else if (args[0].equals("export")) {
				new org.segloop.core.export.DatasetExport(p).export(Path.of(args[2]), new org.segloop.core.export.ExportSettings(
					org.segloop.core.export.ExportFormats.byName("tiff"), org.segloop.core.export.SplitPlan.parse("0.7,0.15,0.15", 42), "SegLoop",
					java.util.List.of()), ProgressListener.NONE, new Cancellation());
			}
			else if (args[0].equals("sweep")) {
				System.out.println("SWEPT " + p.sweepOrphanFiles());
			}
			else if (args[0].equals("remove")) {
				for (var image : p.images().all()) {
					p.queue().remove(java.util.List.of(image.id()), "worker");
					System.out.println("ACK " + image.id());
					System.out.flush();
				}
			}
			else {
				Path masks = Path.of(args[2]);
				for (int i = 0;; i++) {
					ImageQueue.Lease lease = p.queue().next("worker").orElse(null);
					if (lease == null) break;
					Path mask = Projects.proposalAsMask(p, lease.imageId(), masks, i % 2 == 0 ? Projects::deleteObjectOne : v -> {});
					Correction c = new CorrectionIntake(p).accept(lease.imageId(), lease.token(), mask, null, 1.0);
					System.out.println("ACK " + c.imageId() + " " + c.id());
					System.out.flush();
				}
			}
		}
		System.out.println("DONE");
		System.out.flush();
	}
}
