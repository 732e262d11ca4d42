/**
 * What a placement waits for, in words a player can follow, from what this server knows (GET /api/v1/cluster):
 * on a node, its leader, the members it reaches, and the majority a commit needs; on an edge, the services
 * (Redis, Kafka) it waits for.
 * @param {object} cluster the server's answer: engine ("peer" or "edge"); a node's nodeId, leaderId (0: none),
 *   peers [{id, status}], members [{id}]; an edge's reasons [sentence]
 * @returns {string}
 */
export function waitingFor(cluster) {
  if (cluster.engine === 'edge') {
    return cluster.reasons?.length ? `waiting: ${cluster.reasons[0]}…`
      : 'waiting for Redis to order it and Kafka to log it…';
  }
  const members = cluster.members?.length ? cluster.members.map((m) => m.id) : [cluster.nodeId];
  const peers = new Map((cluster.peers ?? []).map((p) => [p.id, p.status]));
  const reached = members.filter((id) => id === cluster.nodeId || (peers.has(id) && peers.get(id) !== 'DEAD')).length;
  const quorum = Math.floor(members.length / 2) + 1;
  const short = reached < quorum
    ? `: this node reaches ${reached} of the ${members.length} members, ${quorum} are needed` : '';
  if (!cluster.leaderId) {
    return short ? `no leader${short}…` : 'no leader yet: the cluster is electing one…';
  }
  if (cluster.leaderId === cluster.nodeId) {
    return `waiting for a majority to accept it${short}…`;
  }
  const leader = peers.get(cluster.leaderId);
  if (leader !== undefined && leader !== 'ALIVE') {
    return `the leader, node ${cluster.leaderId}, is not answering: the cluster will elect another…`;
  }
  return `waiting for the leader, node ${cluster.leaderId}, to commit it…`;
}
