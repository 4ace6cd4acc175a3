import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Raises the calling thread's niceness to at least `niceness` (Linux only), so that when it and the main
 * thread both want the CPU the scheduler favours the main thread: `/healthz`, cheap lookups and cache hits
 * then wait less behind an expensive query (with nice 10, CFS gives it about a tenth of the main
 * thread's share). On Linux `setpriority` on a thread id changes that thread alone; the id is the last
 * part of `/proc/thread-self`, a link to `<pid>/task/<tid>`. Raising one's own niceness needs no
 * privilege. Returns the niceness in force, or `null` where this cannot be done (another OS, no /proc).
 */
export function lowerThreadPriority(niceness: number): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return null;
    if (getPriority(tid) < niceness) setPriority(tid, niceness);
    return getPriority(tid);
  } catch {
    return null;
  }
}

/** The niceness of the execution worker's thread (see src/execution-worker/README.md). */
export const WORKER_NICENESS = 10;
