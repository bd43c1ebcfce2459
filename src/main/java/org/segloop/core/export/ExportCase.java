package org.segloop.core.export;

import org.segloop.core.export.SplitPlan.Subset;
import org.segloop.core.project.Corrections.Correction;
import org.segloop.core.project.ImageRegistry.ImageRecord;
import org.segloop.core.project.ModelVersions.ModelVersion;
import org.segloop.core.project.Predictions.Prediction;

/**
 * One corrected image on its way into a dataset, with where it came from.
 *
 * @param caseId file-name-safe, unique name of the case in the export (from the image's file name)
 * @param prediction the proposal the correction was made on
 * @param model the model version that made that proposal
 */
public record ExportCase(String caseId, ImageRecord image, Correction correction, Prediction prediction, ModelVersion model,
	Subset subset) {}
