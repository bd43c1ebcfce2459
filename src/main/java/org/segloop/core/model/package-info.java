/**
 * bioimage.io model packages: reading rdf.yaml ({@link RdfReader}), opening and checking a package
 * without trusting it ({@link ModelPackage}, {@link SafeUnzip}, {@link OnnxFileScanner}), starter
 * packages for bare ONNX files and weight files of fine-tuned versions. Uses core.util, and
 * core.inference only to run a graph once for a starter package.
 */
package org.segloop.core.model;
