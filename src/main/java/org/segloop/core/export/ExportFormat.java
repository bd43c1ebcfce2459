package org.segloop.core.export;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The dataset layouts SegLoop exports. */
public enum ExportFormat {
	/** images/ and masks/ (instance labels) and classes/ folders of TIFFs with equal names, per subset: Cellpose / StarDist style. */
	TIFF,
	/** nnU-Net v2 raw dataset: imagesTr, labelsTr, imagesTs, labelsTs, dataset.json, spacing JSON, splits_final.json. */
	NNUNET,
	/** COCO instance segmentation: images/ and annotations/instances_SUBSET.json with run-length-encoded masks. */
	COCO;

	/** The names users give (lower case), in the order help texts and choice lists show them. */
	public static List<String> names() {
		return Arrays.stream(values()).map(ExportFormat::userName).toList();
	}

	public String userName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** @throws IllegalArgumentException for an unknown name, listing the known ones */
	public static ExportFormat byName(String name) {
		for (ExportFormat f : values())
			if (f.userName().equals(name.trim().toLowerCase(Locale.ROOT))) return f;
		throw new IllegalArgumentException("unknown export format '" + name + "'; choose one of " + String.join(", ", names()));
	}
}
