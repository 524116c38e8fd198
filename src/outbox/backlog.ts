// For /metrics and /healthz: how much outbound mail is waiting, in flight, or given up.
export { outboxBacklog, type OutboxBacklog } from '../db/queries/outbox-backlog.js';
