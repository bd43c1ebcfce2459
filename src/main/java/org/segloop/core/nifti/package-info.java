/**
 * NIfTI-1 ({@code .nii.gz}, {@code .nii}): a small codec for volumes and label images
 * ({@link org.segloop.core.nifti.NiftiWriter}, {@link org.segloop.core.nifti.NiftiReader}) and the
 * geometry SegLoop gives an image in NIfTI's RAS space ({@link org.segloop.core.nifti.NiftiGeometry}:
 * a DICOM series' voxel-to-patient affine with x and y negated, else a diagonal from the
 * calibration). Hand-written because no maintained NIfTI library is on Maven Central; the format
 * is one fixed 348-byte header and raw voxels. Uses core.image and core.dicom.
 */
package org.segloop.core.nifti;
