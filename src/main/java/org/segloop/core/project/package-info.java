/**
 * A project on disk: the SQLite store ({@link ProjectStore}, migrations in {@link Schema}), its images,
 * queue, predictions, corrections and model versions, the content-addressed {@link FileStore} and the
 * one-writer {@link ProjectLock}. Files go into the store before the transaction that names them.
 * Queue statuses and journal events are the enums {@link QueueStatus} and {@link JournalEvent}. Uses
 * core.model, core.image, core.inference, core.uncertainty, core.queue and core.util;
 * never core.loop.
 */
package org.segloop.core.project;
