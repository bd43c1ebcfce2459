package org.segloop.core.export;

import java.nio.file.Path;
import java.util.List;

import org.segloop.core.registry.NamedExtension;

/** SegLoop's own dataset layouts, as {@link DatasetFormat} providers (listed, in this order, in META-INF/services). */
public final class BuiltInFormats {

	private BuiltInFormats() {}

	/** images/ and masks/ (instance labels) and classes/ folders of TIFFs with equal names, per subset: Cellpose / StarDist style. */
	public static final class Tiff extends NamedExtension implements DatasetFormat {
		public Tiff() {
			super("tiff", "image/mask pairs of TIFFs per subset (Cellpose, StarDist)");
		}

		@Override
		public DatasetWriter writer(Path folder, ExportSettings settings, List<String> labelNames, int boundaryClass) {
			return new TiffPairsWriter(folder);
		}
	}

	/** nnU-Net v2 raw dataset: imagesTr, labelsTr, imagesTs, labelsTs, dataset.json, spacing JSON, splits_final.json. */
	public static final class NnUnet extends NamedExtension implements DatasetFormat {
		public NnUnet() {
			super("nnunet", "nnU-Net v2 raw dataset");
		}

		@Override
		public DatasetWriter writer(Path folder, ExportSettings settings, List<String> labelNames, int boundaryClass) {
			return new NnUnetWriter(folder, settings.datasetName(), labelNames, settings.channelNames());
		}
	}

	/** One DICOM Segmentation per corrected DICOM series (see {@link DicomSegWriter}); other images are left out. */
	public static final class DicomSeg extends NamedExtension implements DatasetFormat {
		public DicomSeg() {
			super("dicom-seg", "DICOM Segmentation objects, one per corrected DICOM series");
		}

		@Override
		public DatasetWriter writer(Path folder, ExportSettings settings, List<String> labelNames, int boundaryClass) {
			return new DicomSegWriter(folder);
		}
	}

	/** COCO instance segmentation: images/ and annotations/instances_SUBSET.json with run-length-encoded masks. */
	public static final class Coco extends NamedExtension implements DatasetFormat {
		public Coco() {
			super("coco", "COCO instance segmentation (RLE masks)");
		}

		@Override
		public DatasetWriter writer(Path folder, ExportSettings settings, List<String> labelNames, int boundaryClass) {
			return new CocoWriter(folder, labelNames, boundaryClass);
		}
	}

	/** images/ and labels/ folders of NIfTI-1 files (.nii.gz) with equal names, per subset, in the image's patient geometry. */
	public static final class Nifti extends NamedExtension implements DatasetFormat {
		public Nifti() {
			super("nifti", "image/label pairs of NIfTI-1 files (.nii.gz) per subset, in the image's geometry");
		}

		@Override
		public DatasetWriter writer(Path folder, ExportSettings settings, List<String> labelNames, int boundaryClass) {
			return new NiftiPairsWriter(folder);
		}
	}
}
