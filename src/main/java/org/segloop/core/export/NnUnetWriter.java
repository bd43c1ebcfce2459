package org.segloop.core.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.segloop.core.SegLoopException;
import org.segloop.core.UserSetting;
import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.export.SplitPlan.Subset;
import org.segloop.core.image.ImageVolume;
import org.segloop.core.nifti.NiftiFiles;
import org.segloop.core.output.ImageFiles;
import org.segloop.core.output.LabelFiles;

/**
 * An nnU-Net v2 raw dataset with TIFF files. Training and validation cases go to
 * {@code imagesTr/CASE_0000.tif} (one file per channel) and {@code labelsTr/CASE.tif}; test cases
 * to {@code imagesTs}/{@code labelsTs}. Stacks are read by nnU-Net's {@code Tiff3DIO}, which takes
 * the spacing from {@code CASE.json} next to the files ({@code {"spacing": [z, y, x]}} in the
 * array's axis order); 2D images by {@code NaturalImage2DIO}. {@code dataset.json} names the reader,
 * and {@code splits_final.json} holds SegLoop's train/validation split as one fold.
 *
 * <p>Images that are DICOM series are written as NIfTI-1 instead ({@code CASE_0000.nii.gz},
 * {@code labelsTr/CASE.nii.gz}, {@code file_ending} ".nii.gz", read by nnU-Net's default
 * SimpleITK reader), keeping their patient geometry and exact HU; a channel without a given name
 * is named after the modality ("CT" selects nnU-Net's CT normalisation). The rule is per dataset:
 * a dataset holds DICOM series or other images, not both.
 */
final class NnUnetWriter implements DatasetWriter {

	private final Path root;
	private final List<String> labelNames;
	private final List<String> channelNames;
	private final String name;
	private Boolean volumetric;
	private Boolean dicom;
	private String modality;
	private int channels = -1;
	private final List<String> train = new ArrayList<>();
	private final List<String> validation = new ArrayList<>();
	private int tests;
	private int maxClass = 1;

	/** @param channelNames names for dataset.json ("CT" selects nnU-Net's CT normalisation), or empty for "channel_i" */
	NnUnetWriter(Path root, String name, List<String> labelNames, List<String> channelNames) {
		this.root = root;
		this.name = name;
		this.labelNames = labelNames;
		this.channelNames = channelNames;
	}

	@Override
	public void add(ExportCase c, CaseData data) throws IOException {
		ImageVolume image = data.image();
		checkShape(c, image);
		boolean test = c.subset() == Subset.TEST;
		Path images = Files.createDirectories(root.resolve(test ? "imagesTs" : "imagesTr"));
		Path labels = Files.createDirectories(root.resolve(test ? "labelsTs" : "labelsTr"));
		maxClass = Math.max(maxClass, data.classes().max());
		if (dicom) writeNifti(c, data, images, labels);
		else writeTiff(c, data, images, labels);
		if (test) tests++;
		else (c.subset() == Subset.TRAIN ? train : validation).add(c.caseId());
	}

	private static void writeNifti(ExportCase c, CaseData data, Path images, Path labels) throws IOException {
		ImageVolume image = data.image();
		for (int ch = 0; ch < image.channels(); ch++)
			NiftiFiles.writeChannel(image, ch, images.resolve(String.format("%s_%04d.nii.gz", c.caseId(), ch)));
		NiftiFiles.writeLabels(data.classes(), image.source(), image.calibration(), labels.resolve(c.caseId() + ".nii.gz"));
	}

	private void writeTiff(ExportCase c, CaseData data, Path images, Path labels) throws IOException {
		ImageVolume image = data.image();
		for (int ch = 0; ch < image.channels(); ch++)
			ImageFiles.writeChannel(image, ch, images.resolve(String.format("%s_%04d.tif", c.caseId(), ch)));
		LabelFiles.write(data.classes(), labels.resolve(c.caseId() + ".tif"), image.calibration().withoutValueFunction());
		double[] s = LabelFiles.spacing(image.calibration()); // the image's spacing is authoritative
		String spacing = volumetric ? "{\"spacing\": [" + s[2] + ", " + s[1] + ", " + s[0] + "]}\n"
			: "{\"spacing\": [999.0, " + s[1] + ", " + s[0] + "]}\n";
		Files.writeString(images.resolve(c.caseId() + ".json"), spacing);
		Files.writeString(labels.resolve(c.caseId() + ".json"), spacing);
	}

	private void checkShape(ExportCase c, ImageVolume image) {
		if (image.frames() > 1) throw new SegLoopException(c.image().path(), "is a time series (" + image.frames() + " frames); nnU-Net takes 2D or 3D images",
			"export it in the tiff format, or split the frames into separate images", UserSetting.EXPORT_FORMAT);
		boolean v = image.slices() > 1;
		boolean series = DicomSeries.isManifest(c.image().path());
		if (volumetric == null) {
			volumetric = v;
			channels = image.channels();
			dicom = series;
			if (series) modality = DicomSeries.load(c.image().path()).modality();
		}
		if (dicom != series) throw new SegLoopException(c.image().path(), (series ? "is a DICOM series but earlier cases are not" : "is not a DICOM series but earlier cases are")
			+ "; one nnU-Net dataset holds NIfTI files of DICOM series or TIFF files of other images", "export DICOM series and other images from separate projects",
			UserSetting.EXPORT_FORMAT);
		if (volumetric != v) throw new SegLoopException(c.image().path(), "is " + (v ? "a stack" : "2D") + " but earlier cases are "
			+ (volumetric ? "stacks" : "2D") + "; one nnU-Net dataset holds one kind", "export 2D images and stacks from separate projects, or use the tiff format",
			UserSetting.EXPORT_FORMAT);
		if (channels != image.channels()) throw new SegLoopException(c.image().path(), "has " + image.channels() + " channel(s) but earlier cases have "
			+ channels, "nnU-Net needs the same channels in every case; export in the tiff format", UserSetting.EXPORT_FORMAT);
	}

	@Override
	public void finish() throws IOException {
		Map<String, Object> json = new LinkedHashMap<>();
		Map<String, String> channelMap = new LinkedHashMap<>();
		for (int ch = 0; ch < Math.max(channels, 1); ch++)
			channelMap.put(Integer.toString(ch), ch < channelNames.size() ? channelNames.get(ch)
				: modality != null && !modality.isEmpty() && channels == 1 ? modality : "channel_" + ch);
		json.put("channel_names", channelMap);
		Map<String, Integer> labels = new LinkedHashMap<>();
		labels.put("background", 0); // nnU-Net requires label 0 to be called background
		// only the classes the masks can hold: instance corrections never hold e.g. a model's boundary class,
		// and nnU-Net would otherwise train an output for a label it never sees
		for (int i = 1; i <= Math.min(maxClass, labelNames.size() - 1); i++) labels.put(labelNames.get(i), i);
		json.put("labels", labels);
		json.put("numTraining", train.size() + validation.size());
		if (Boolean.TRUE.equals(dicom)) json.put("file_ending", ".nii.gz"); // nnU-Net's default reader for it: SimpleITKIO
		else {
			json.put("file_ending", ".tif");
			json.put("overwrite_image_reader_writer", Boolean.TRUE.equals(volumetric) ? "Tiff3DIO" : "NaturalImage2DIO");
		}
		json.put("name", name);
		json.put("description", "Exported by SegLoop from corrected proposals; see provenance.json. " + tests + " test case(s) in imagesTs/labelsTs.");
		Files.writeString(root.resolve("dataset.json"), ExportJson.GSON.toJson(json));
		if (!validation.isEmpty()) // nnU-Net reads this from nnUNet_preprocessed/DatasetXXX_NAME/ (copy it there)
			Files.writeString(root.resolve("splits_final.json"), ExportJson.GSON.toJson(List.of(Map.of("train", train, "val", validation))));
	}
}
