/**
 * The decode stage off the receive loop, for codecs whose decoder allocates or takes too long to run on the loop
 * (Opus, through concentus): a {@link org.activerecorder.rtp.adapter.decode.DecodeWorker} per receive loop, on a
 * container thread of its own, and per stream a ring of preallocated
 * {@link org.activerecorder.rtp.adapter.decode.DecodeSlots} through which the loop hands over payloads and takes
 * the decoded audio back, without a lock or an allocation. The pipeline places the audio; see docs/codecs.md.
 */
package org.activerecorder.rtp.adapter.decode;
