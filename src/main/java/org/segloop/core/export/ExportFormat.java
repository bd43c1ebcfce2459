package org.segloop.core.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The dataset layouts SegLoop exports. */
public enum ExportFormat {
	/** images/ and masks/ (instance labels) and classes/ folders of TIFFs with equal names, per subset: Cellpose / StarDist style. */
	TIFF,
	/** nnU-Net v2 raw dataset: imagesTr, labelsTr, imagesTs, labelsTs, dataset.json, spacing JSON, splits_final.json. */
	NNUNET,
	/** COCO instance segmentation: images/ and annotations/instances_SUBSET.json with run-length-encoded masks. */
	COCO;

	public static ExportFormat byName(String name) {
		try {
			return valueOf(name.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("unknown export format '" + name + "'; choose one of "
				+ Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
		}
	}
}
