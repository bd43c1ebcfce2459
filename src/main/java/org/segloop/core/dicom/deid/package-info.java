/**
 * De-identification of DICOM objects by DICOM PS3.15 Annex E, the Basic Application Level
 * Confidentiality Profile, with the options Retain Longitudinal Temporal Information with Modified
 * Dates, Clean Descriptors and Retain Patient Characteristics ({@link org.segloop.core.dicom.deid.DeidOptions}).
 * UIDs, pseudonyms and date shifts come from a keyed hash ({@link org.segloop.core.dicom.deid.DeidKey}),
 * so they are consistent across runs with the same key; {@link org.segloop.core.dicom.deid.DeidentifyFiles}
 * writes de-identified copies. Pixel data is not changed: images that may show burned-in text are
 * refused unless the caller accepts them ({@link org.segloop.core.dicom.deid.BurnedInText}).
 */
package org.segloop.core.dicom.deid;
