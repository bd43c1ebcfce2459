package org.segloop.fiji;

import java.util.List;

import ij.gui.Roi;

import org.segloop.core.metrics.CorrectionMetrics;
import org.segloop.core.metrics.LabelVolume;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.SegLoopSettings;
import org.segloop.core.project.ImageRegistry.ImageRecord;

/**
 * How one model's proposals become ROIs and corrected ROIs labels again. Most models label objects
 * of one kind (nuclei): the proposal's instances are the ROIs and the correction is stored as
 * instance labels. A model with several object classes whose instances are the components of one
 * of them (the CT model: an organ with lesions inside) is corrected as classes: each other class is
 * one ROI per region and slice, each object of the instance class one ROI per slice, painted back
 * class by class (objects over their region) and stored as a class mask, from which the lesions are
 * again its components. Stored as instances, the organ would be lost.
 *
 * @param instanceClass the class whose components are the instances, when corrected as classes; -1 otherwise
 */
record RoiLabelling(List<String> classNames, int boundaryClass, int instanceClass) {

	static RoiLabelling of(ModelPackage model) {
		SegLoopSettings s = model.description().settings();
		List<String> names = model.maskLabelNames();
		int objectClasses = 0;
		for (int c = 1; c < names.size(); c++) if (c != s.boundaryChannel()) objectClasses++;
		boolean asClasses = s.instanceMode() == SegLoopSettings.InstanceMode.COMPONENTS && s.foregroundChannel() > 0
			&& s.foregroundChannel() < names.size() && objectClasses > 1;
		return new RoiLabelling(names, s.boundaryChannel(), asClasses ? s.foregroundChannel() : -1);
	}

	boolean asClasses() {
		return instanceClass > 0;
	}

	CorrectionMetrics.Kind kind() {
		return asClasses() ? CorrectionMetrics.Kind.SEMANTIC : CorrectionMetrics.Kind.INSTANCE;
	}

	/** A proposal's ROIs. @param instances null when the proposal has none */
	List<Roi> proposal(LabelVolume classes, LabelVolume instances) {
		if (asClasses()) return RoiLabels.toClassRois(classes, instances, instanceClass, classNames, boundaryClass);
		return RoiLabels.toRois(instances != null ? instances : classes, classes, classNames, boundaryClass);
	}

	/** The ROIs of an accepted correction (brought back by undo), stored as {@link #kind}. */
	List<Roi> accepted(LabelVolume accepted) {
		if (asClasses()) return RoiLabels.toClassRois(accepted, null, instanceClass, classNames, boundaryClass);
		return RoiLabels.toRois(accepted, null, classNames, boundaryClass);
	}

	/** The ROIs painted as labels of {@link #kind}, the size of the image (ImageJ's pixel units). */
	LabelVolume labels(List<Roi> rois, ImageRecord r) {
		double[] spacing = { 1, 1, 1 };
		if (asClasses()) return RoiLabels.toClasses(rois, r.width(), r.height(), r.slices(), r.frames(), spacing, classNames, instanceClass);
		return RoiLabels.toLabels(rois, r.width(), r.height(), r.slices(), r.frames(), spacing);
	}
}
