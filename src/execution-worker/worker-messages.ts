import type { Config } from '../config';
import type { AuditEntry } from '../store/graph-store';

/** What the worker starts with (`workerData`). */
export interface WorkerStart {
  /** The service's configuration, as the main thread parsed it. */
  config: Config;
  /** Whether the worker builds a replica of the embedded store and follows the main thread's audit log. */
  follows: boolean;
}

/** Main thread → worker. */
export type ToWorker =
  /** Acknowledged write batches, oldest first (the replica feed; may repeat entries the worker holds). */
  | { type: 'entries'; entries: AuditEntry[] }
  /** Every batch acknowledged before the feed started has been sent: the replica can serve. */
  | { type: 'caught-up' }
  /** One GraphQL request to answer, as an HTTP request to its own app. */
  | { type: 'execute'; id: number; headers: [string, string][]; body: string };

/** Worker → main thread. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'answer'; id: number; status: number; body: Uint8Array; hasErrors: boolean; errorCode?: string }
  /** The app itself threw (not a GraphQL error, which is an answer): the caller answers a masked 500. */
  | { type: 'failed'; id: number; message: string };
