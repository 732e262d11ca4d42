/**
 * The cluster inspector: JavaFX views of leader, vector clocks, 2PC rounds, heartbeats and failures, fed only by
 * a node's {@code NodeEvent} stream and {@code NodeReport} snapshots. Views arrive with the inspector issue.
 */
package org.distriplace.inspector;
