/**
 * Running the adapter's tasks on the container's WorkManager (from the BootstrapContext) behind a plain
 * {@link java.util.concurrent.Executor}, so the receive side and the event delivery stay free of JCA and run on
 * a thread pool in tests. Receive loops and event delivery workers carry the {@code LONGRUNNING} hint: IronJacamar
 * then runs them on the WorkManager's long-running pool instead of holding threads of the short-running one
 * forever. They are scheduled once, when the adapter starts; nothing is scheduled per stream or per event.
 */
package org.activerecorder.rtp.adapter.work;
