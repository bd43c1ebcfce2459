/**
 * Long-running work's two cross-cutting contracts: {@link org.segloop.core.work.ProgressListener}
 * (how far it got) and {@link org.segloop.core.work.Cancellation} (stop at the next safe point).
 * Inference, training, export and the loop all take them; nothing here depends on those packages.
 */
package org.segloop.core.work;
