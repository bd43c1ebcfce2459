package org.segloop.core.export;

import java.util.List;

/**
 * What to export and how.
 *
 * @param datasetName name written into dataset.json / COCO info (e.g. "Nuclei")
 * @param channelNames nnU-Net channel names per image channel ("CT" selects CT normalisation);
 *     empty for "channel_0", "channel_1", …
 */
public record ExportSettings(DatasetFormat format, SplitPlan split, String datasetName, List<String> channelNames) {

	public ExportSettings {
		channelNames = List.copyOf(channelNames);
	}

	public static ExportSettings of(DatasetFormat format) {
		return new ExportSettings(format, SplitPlan.defaults(), "SegLoop", List.of());
	}

	public ExportSettings withSplit(SplitPlan s) {
		return new ExportSettings(format, s, datasetName, channelNames);
	}
}
