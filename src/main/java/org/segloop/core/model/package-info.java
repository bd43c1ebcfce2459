/**
 * bioimage.io model packages: reading rdf.yaml ({@link RdfReader}), opening and checking a package
 * without trusting it ({@link ModelPackage}, {@link SafeUnzip}, {@link OnnxFileScanner}), starter
 * packages for bare ONNX files and weight files of fine-tuned versions. Uses only core.util.
 */
package org.segloop.core.model;
