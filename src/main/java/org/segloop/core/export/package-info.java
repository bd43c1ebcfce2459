/**
 * Turns a project's accepted corrections into training datasets ({@link DatasetExport} with one
 * {@link DatasetWriter} per registered {@link DatasetFormat}: TIFF pairs, nnU-Net v2, COCO) with a seeded split
 * and provenance, and a fine-tuned version into a bioimage.io package ({@link ModelVersionExport}).
 * Reads the project only. Sits above core.loop (a version export opens its VersionedModel): it may
 * use every core package but core.bench.
 */
package org.segloop.core.export;
