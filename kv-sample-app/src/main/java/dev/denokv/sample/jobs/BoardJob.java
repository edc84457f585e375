package dev.denokv.sample.jobs;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A background job sent through the database's queue. A database has one queue and the app one
 * {@code @KvQueueListener}, so the message carries its kind in a {@code type} property (the shape a
 * Deno app would enqueue too: {@code {type: "digest", requestedAt: ...}}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = DigestJob.class, name = "digest"),
		@JsonSubTypes.Type(value = ArchiveJob.class, name = "archive") })
public sealed interface BoardJob permits DigestJob, ArchiveJob {

}
