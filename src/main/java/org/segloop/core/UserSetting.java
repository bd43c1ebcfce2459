package org.segloop.core;

/**
 * A setting a user can change to resolve a problem, named by what it is; each surface names its
 * own control for it (the CLI an option, the Fiji layer a command's field, or none).
 */
public enum UserSetting implements Remedy {
	/** Register the good files of a batch and leave out the bad ones. */
	SKIP_BAD,
	/** The fewest corrected images fine-tuning accepts. */
	MIN_CORRECTIONS,
	/** Fine-tuning's learning rate. */
	LEARNING_RATE,
	/** The format a dataset is exported in. */
	EXPORT_FORMAT,
	/** The new folder an export writes. */
	OUTPUT_FOLDER,
	/** Whether an accepted mask holds instance or class labels. */
	LABEL_KIND,
	/** What segmenting does with NaN or infinite pixels. */
	NON_FINITE,
	/** The queue sizes the queue benchmark fills. */
	QUEUE_SIZES,
	/** The timed serves per strategy of the queue benchmark. */
	SERVES,
	/** De-identify images that may show burned-in text (their pixels are copied unchanged). */
	ACCEPT_BURNED_IN_TEXT
}
