import type { DbOrTx } from '@autofin/db';
import type { ApplicationStatus } from '@autofin/contracts';

/**
 * What happened to an application, handed to every registered sink INSIDE the transaction that
 * made the change — so a sink that writes an outbox row (the partner API's webhooks) commits or
 * rolls back with the change itself and nothing is announced that did not happen.
 */
export type ApplicationChange =
  | { type: 'application.decided'; applicationId: string; partnerId: string | null; status: ApplicationStatus; decisionId: string; at: Date }
  | { type: 'application.status_changed'; applicationId: string; partnerId: string | null; from: ApplicationStatus | null; to: ApplicationStatus; at: Date }
  | { type: 'application.stipulation_updated'; applicationId: string; partnerId: string | null; stipulationId: string; status: 'satisfied' | 'waived'; at: Date };

export type ApplicationChangeSink = (tx: DbOrTx, changes: readonly ApplicationChange[]) => Promise<void>;

const sinks = new Set<ApplicationChangeSink>();

/** Registers a sink (e.g. the webhook outbox); returns a function that removes it again. */
export function onApplicationChange(sink: ApplicationChangeSink): () => void {
  sinks.add(sink);
  return () => sinks.delete(sink);
}

export function hasApplicationChangeSinks(): boolean {
  return sinks.size > 0;
}

export async function publishApplicationChanges(tx: DbOrTx, changes: readonly ApplicationChange[]): Promise<void> {
  if (changes.length === 0) return;
  for (const sink of sinks) await sink(tx, changes);
}
