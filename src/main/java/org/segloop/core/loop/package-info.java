/**
 * The use cases of the annotation loop, each once, for every surface: {@link ProjectSetup},
 * {@link Predictor}, {@link ImageServing}, {@link CorrectionIntake}, {@link FineTuneJob}, previews and
 * the learning curve. The top of the core: it may use every other core package except core.bench
 * and core.export, and surfaces call it instead of repeating its steps.
 */
package org.segloop.core.loop;
