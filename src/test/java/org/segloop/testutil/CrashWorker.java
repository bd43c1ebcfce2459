package org.segloop.testutil;

import java.nio.file.Path;

import org.segloop.core.inference.Cancellation;
import org.segloop.core.inference.ProgressListener;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.loop.CorrectionIntake;
import org.segloop.core.loop.Predictor;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.project.Queue;

/**
 * A child JVM that works on a project until it is killed: {@code predict PROJECT} predicts every
 * pending image; {@code accept PROJECT MASKDIR} takes image after image and accepts a correction.
 * It prints {@code READY} once the project is open and {@code ACK imageId correctionId} after each
 * accept returned, so the parent knows what was acknowledged before the kill.
 */
public final class CrashWorker {

	public static void main(String[] args) throws Exception {
		Path project = Path.of(args[1]);
		try (ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_WRITE)) {
			System.out.println("READY");
			System.out.flush();
			if (args[0].equals("predict")) {
				new Predictor(p, RuntimeOptions.withThreads(1)).run((d, t, r, pr) -> {
					System.out.println("PREDICTED " + r.id());
					System.out.flush();
				}, ProgressListener.NONE, new Cancellation());
			}
			else {
				Path masks = Path.of(args[2]);
				for (int i = 0;; i++) {
					Queue.Lease lease = p.queue().next("worker").orElse(null);
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
