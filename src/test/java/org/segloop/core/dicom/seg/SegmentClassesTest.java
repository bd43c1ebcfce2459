package org.segloop.core.dicom.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.dicom.DicomInputs;
import org.segloop.core.dicom.DicomSeries;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.model.ModelPackageException;
import org.segloop.core.model.SegLoopSettings.Code;
import org.segloop.core.util.Folders;
import org.segloop.testutil.DicomSegProjects;
import org.segloop.testutil.DicomSeriesMaker;
import org.segloop.testutil.Fixtures;

/** Segment codes come from config.segloop.classes (dicom_category, dicom_type), default SNOMED CT Tissue; segments map back to classes by label, then type. */
class SegmentClassesTest {

	@TempDir
	Path dir;

	private ModelPackage bundledWith(String nucleusLine) throws IOException {
		Path copy = Folders.copyTree(Fixtures.BUNDLED_MODEL, dir.resolve("model"));
		Path rdf = copy.resolve("rdf.yaml");
		Files.writeString(rdf, Files.readString(rdf).replace("      - {name: nucleus, color: \"#ff3030\"}", nucleusLine));
		return ModelPackage.open(copy);
	}

	@Test
	void theBundledModelHasOneObjectClassWithTheDefaultTissueCodes() {
		SegmentClasses c = SegmentClasses.of(ModelPackage.open(Fixtures.BUNDLED_MODEL));
		assertEquals(List.of("nucleus"), c.names(), "background and the boundary class are no segments");
		assertEquals(1, c.all().get(0).value());
		assertEquals(Code.TISSUE, c.all().get(0).category());
		assertEquals(Code.TISSUE, c.all().get(0).type());
		assertEquals("nucleus", c.match(" NUCLEUS ", null).name());
		assertNull(c.match("cells", new Code("12345", "SCT", "Something")));
	}

	@Test
	void configuredCodesAreWrittenIntoTheSegmentationAndMatchSegmentsOfOtherNames() throws IOException {
		ModelPackage model = bundledWith("      - {name: nucleus, color: \"#ff3030\", dicom_category: {code: \"91723000\", scheme: SCT, meaning: Anatomical Structure},"
			+ " dicom_type: {code: \"84640000\", scheme: SCT, meaning: Nucleus}}");
		SegmentClasses c = SegmentClasses.of(model);
		assertEquals(new Code("91723000", "SCT", "Anatomical Structure"), c.all().get(0).category());
		assertEquals("nucleus", c.match("Cell nuclei", new Code("84640000", "SCT", "Nucleus")).name());

		DicomSeriesMaker.writeSeries(DicomSegProjects.axial(), dir.resolve("ct"), z -> "s" + z);
		Path manifest = DicomInputs.expand(List.of(dir.resolve("ct")), dir.resolve("series")).images().get(0);
		DicomSeries series = DicomSeries.load(manifest);
		Path seg = dir.resolve("seg.dcm");
		SegmentationWriter.write(manifest, series, DicomSegProjects.disks(series.columns(), series.rows(), series.depth()),
			List.of(new Segment(1, c.all().get(0), Segment.Algorithm.AUTOMATIC, "m")), new SegmentationWriter.Content("x", "x", "x"), seg);
		AttributeList a = new AttributeList();
		try {
			a.read(seg.toFile());
		}
		catch (com.pixelmed.dicom.DicomException e) {
			throw new IOException(e);
		}
		AttributeList item = ((SequenceAttribute) a.get(TagFromName.SegmentSequence)).getItem(0).getAttributeList();
		CodedSequenceItem type = CodedSequenceItem.getSingleCodedSequenceItemOrNull(item, TagFromName.SegmentedPropertyTypeCodeSequence);
		CodedSequenceItem category = CodedSequenceItem.getSingleCodedSequenceItemOrNull(item, TagFromName.SegmentedPropertyCategoryCodeSequence);
		assertEquals(List.of("84640000", "SCT", "Nucleus"), List.of(type.getCodeValue(), type.getCodingSchemeDesignator(), type.getCodeMeaning()));
		assertEquals("91723000", category.getCodeValue());
	}

	@Test
	void aCodeValueLongerThanDicomAllowsIsRefusedNamingTheField() throws IOException {
		ModelPackageException e = assertThrows(ModelPackageException.class, () -> bundledWith(
			"      - {name: nucleus, dicom_type: {code: \"12345678901234567\", scheme: SCT, meaning: Nucleus}}"));
		assertTrue(e.getMessage().contains("config.segloop.classes[1].dicom_type.code"), e.getMessage());
	}
}
