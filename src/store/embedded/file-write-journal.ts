import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import path from 'node:path';
import { StoreUnavailableError } from '../../domain/errors';
import type { GraphEdge, GraphNode } from '../../domain/graph-records';
import type { Logger } from '../../logger';
import type { AuditEntry } from '../graph-store';
import { acquireDataDirLock } from './data-dir-lock';
import type { RecoveredWrites, WriteJournal } from './embedded-graph-store';

/**
 * The embedded store's durability: an append-only journal of acknowledged
 * batches, plus a snapshot that compaction folds them into. Format, location
 * and guarantees are described in `./README.md`; in short:
 *
 *   <dir>/journal.jsonl   one line per acknowledged batch:
 *                         {"seq":N,"dataset":"<seeds version>","entry":<AuditEntry>,"sha256":"<hex>"}
 *                         where sha256 is taken over the line's text before `,"sha256"`
 *   <dir>/audit/segment-<first seq>.jsonl
 *                         earlier journals, rotated whole at compaction: the audit log, append-only,
 *                         never rewritten, same line format
 *   <dir>/snapshot.json   the folded effect of entries 1..S on the graph (the last state of every
 *                         record a write touched; no audit entries), same checksum scheme
 *   <dir>/LOCK            the writer's OS lock (`data-dir-lock.ts`)
 *
 * Compaction runs off the request path: once `compactEvery` batches are in
 * the journal, the next turn of the event loop rotates the journal into an
 * audit segment (a rename) and then writes the snapshot in slices that
 * yield to the event loop, so no write waits on it for long. A failed
 * compaction is not retried per write: it is reported by `problem()` (and so
 * by `/readyz`) and retried once a minute; every batch stays durable in the
 * journal or a segment meanwhile.
 *
 * `append` returns only after the line is written and fsync'd. On open every
 * complete, valid line is replayed; a torn or corrupt LAST line (a crash in
 * the middle of an append, never acknowledged) is reported with its offset,
 * saved beside the journal and cut off; corruption anywhere else stops
 * start-up with `JournalCorruptError`.
 */
export interface OpenFileWriteJournalOptions {
  /** The data folder; created when missing. */
  dir: string;
  /** The seeds version the store was built from, recorded with each line to report seed changes on replay. */
  datasetVersion: string;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Compact once this many batches are in the journal since the last snapshot (default 1000). */
  compactEvery?: number;
  /**
   * Whether a record is in the base the journal is replayed over (the seeds).
   * A deleted record that is not needs no tombstone in the snapshot: without
   * this, every record a curator created and later deleted would stay in the
   * snapshot as `null` forever, and the snapshot would outgrow the graph.
   * Absent: every tombstone is kept.
   */
  isBaseRecord?: (kind: 'node' | 'edge', id: string) => boolean;
  /** How long after a failed compaction to try again (default one minute); never sooner, never per write. */
  retryCompactionMs?: number;
}

/** What the last finished compaction cost, for the log and the bench (`test/bench/journal-compaction.ts`). */
export interface CompactionStats {
  /** The last `seq` the snapshot holds. */
  seq: number;
  /** Records the snapshot holds (nodes + edges, tombstones included) and its size in bytes. */
  records: number;
  bytes: number;
  /** From the start of the rotation to the snapshot's rename, wall clock (mostly spent yielding). */
  ms: number;
  /**
   * The longest stretch compaction held the event loop without yielding: the
   * most any write (or read) can have waited on it.
   */
  longestStepMs: number;
  /** Which step that was: `rotate` (the switch to the prepared journal file and the fold), `slice` (a slice of the snapshot, or an await between) or `install`. */
  longestStep: 'rotate' | 'slice' | 'install';
}

export interface OpenedJournal {
  journal: FileWriteJournal;
  /** What to hand to the store so it starts where the last process stopped. */
  recovered: RecoveredWrites;
  report: RecoveryReport;
}

/** What opening found, for the start-up log and tests. */
export interface RecoveryReport {
  /** The last `seq` folded into the snapshot (0 without one). */
  snapshotSeq: number;
  /** Journal lines to re-apply over the snapshot. */
  replayed: number;
  /** Journal lines already in the snapshot (a compaction stopped before truncating the journal). */
  alreadyInSnapshot: number;
  /** The cut-off torn tail, when there was one. */
  truncatedTail: { offset: number; bytes: number; reason: string; savedTo: string } | null;
  /** Whether some line or the snapshot was written over other seeds than the current ones. */
  datasetChanged: boolean;
}

/** The journal or the snapshot is damaged somewhere a crash cannot explain; start-up stops. */
export class JournalCorruptError extends Error {}

export { JournalLockedError, LOCK_FILE } from './data-dir-lock';

export const JOURNAL_FILE = 'journal.jsonl';
export const SNAPSHOT_FILE = 'snapshot.json';
export const AUDIT_DIR = 'audit';
/** The file the journal goes on in during a rotation, until it is renamed to `journal.jsonl`. */
export const NEXT_JOURNAL_FILE = 'journal.next.jsonl';
const SNAPSHOT_FORMAT = 'wsis-graph-snapshot/2';
// Snapshots before audit segments carried the audit log inline; they are migrated on open.
const SNAPSHOT_FORMAT_V1 = 'wsis-graph-snapshot/1';
const RETRY_COMPACTION_MS = 60_000;
// Records serialised between two yields to the event loop while a snapshot is written.
const RECORDS_PER_SLICE = 500;
// …or this many characters, whichever comes first (a few huge records must not make one long step).
const SLICE_BYTES = 256 * 1024;
const CHECKSUM_KEY = ',"sha256":"';

/** Opens (creating when missing) the journal in `options.dir` and reads back what it holds. */
export function openFileWriteJournal(options: OpenFileWriteJournalOptions): OpenedJournal {
  const dir = path.resolve(options.dir);
  fs.mkdirSync(dir, { recursive: true });
  const releaseLock = acquireDataDirLock(dir);
  try {
    return open(dir, options, releaseLock);
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/** The journal of one data folder; see {@link openFileWriteJournal}. */
export class FileWriteJournal implements WriteJournal {
  private fd: number | null;
  private size: number;
  private lastSeq: number;
  private broken: Error | null = null;
  /** The running background compaction, if any. */
  private compacting: Promise<void> | null = null;
  private compactionFailure: { error: string; at: string } | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  /** A write the disk refused (e.g. ENOSPC) after which the journal was cut back cleanly; cleared by the next write that succeeds. */
  private writeFailure: { error: string; at: string } | null = null;
  /** The `seq` of the snapshot on disk: a retry after a failed compaction writes it even when nothing is left to rotate. */
  private snapshotSeq: number;
  private lastCompaction: CompactionStats | null = null;
  /** How many compactions started (finished or failed); tests count retries with it. */
  private compactionAttempts = 0;
  /** The descriptor of the prepared `journal.next.jsonl`, not yet switched to (a plain descriptor, like `fd`, not a FileHandle that could close it when collected). */
  private next: number | null = null;
  /** A switch whose renames are not finished: the first seq of the journal that becomes a segment. */
  private rotating: { firstSeq: number } | null = null;
  /** The seq of the journal file's first line: the name of the segment it becomes. */
  private journalFirstSeq: number;

  /** @internal use {@link openFileWriteJournal} */
  constructor(
    private readonly dir: string,
    private readonly options: OpenFileWriteJournalOptions,
    private readonly folded: FoldedState,
    private readonly pending: AuditEntry[],
    private readonly releaseLock: () => void,
    journalFirstSeq: number,
  ) {
    this.fd = fs.openSync(path.join(dir, JOURNAL_FILE), 'a');
    this.size = fs.fstatSync(this.fd).size;
    this.lastSeq = pending.at(-1)?.seq ?? folded.seq;
    this.journalFirstSeq = journalFirstSeq;
    this.snapshotSeq = folded.seq;
  }

  /** The last acknowledged `seq`. */
  get seq(): number {
    return this.lastSeq;
  }

  /**
   * Writes one line for `entry` and fsyncs it, or throws
   * `StoreUnavailableError` and leaves the journal as it was:
   * - the disk refuses the bytes (full, quota, I/O error on write): the line
   *   is cut off again and that cut fsync'd, so the file is known to hold
   *   exactly the acknowledged lines; the failure shows on `problem()` and a
   *   later write is tried again (it clears the failure when it succeeds), so
   *   freeing space is enough, no restart needed;
   * - the fsync of the line fails, or the cut does: the journal refuses every
   *   later append (the process must restart), because after a failed fsync
   *   the file's state on disk is unknown.
   */
  append(entry: AuditEntry): void {
    if (this.fd === null) throw new StoreUnavailableError('The journal is closed.', { reason: 'journal' });
    if (this.broken) throw new StoreUnavailableError('The journal failed earlier; restart the service.', { reason: 'journal' });
    if (entry.seq !== this.lastSeq + 1) {
      throw new Error(`Journal append out of order: seq ${entry.seq} after ${this.lastSeq}.`);
    }
    const line = Buffer.from(`${withChecksum(`{"seq":${entry.seq},"dataset":${JSON.stringify(this.options.datasetVersion)},"entry":${JSON.stringify(entry)}`)}\n`);
    let stage: 'write' | 'fsync' = 'write';
    try {
      writeAll(this.fd, line);
      stage = 'fsync';
      fs.fsyncSync(this.fd);
    } catch (error) {
      throw this.refuse(error, stage);
    }
    if (this.size === 0) this.journalFirstSeq = entry.seq;
    this.size += line.length;
    this.lastSeq = entry.seq;
    this.pending.push(entry);
    if (this.writeFailure) {
      this.options.logger?.info('journal: a write succeeded again after a refused one', { failedAt: this.writeFailure.at });
      this.writeFailure = null;
    }
    if (this.pending.length >= (this.options.compactEvery ?? 1000) && !this.compacting && !this.compactionFailure) {
      // Off the request path: this write is acknowledged before compaction starts.
      this.compacting = new Promise((resolve) => setImmediate(resolve)).then(() => this.compactInBackground());
    }
  }

  // Takes back a line the disk refused; the error to throw to the writer.
  private refuse(error: unknown, stage: 'write' | 'fsync'): StoreUnavailableError {
    const code = (error as NodeJS.ErrnoException).code;
    const diskFull = code === 'ENOSPC' || code === 'EDQUOT';
    let cutBack = false;
    try {
      fs.ftruncateSync(this.fd!, this.size);
      fs.fsyncSync(this.fd!);
      cutBack = true;
    } catch {
      // The torn line stays; the next open reports and cuts it (it is the last line).
    }
    const at = new Date().toISOString();
    if (stage === 'write' && cutBack) {
      this.writeFailure = { error: String(error), at };
      this.options.logger?.error('journal: the disk refused a write; it was taken back, later writes are tried again', { error: String(error) });
    } else {
      this.broken = error as Error;
      this.options.logger?.error('journal append failed; refusing further writes until a restart', { error: String(error), stage });
    }
    return new StoreUnavailableError(
      diskFull ? 'The write could not be made durable: the disk is full. Nothing was changed.' : 'The write could not be made durable; nothing was changed.',
      { reason: diskFull ? 'disk_full' : 'journal' },
    );
  }

  /** Why the journal is not healthy (a failed compaction), or `null`. `/readyz` reports it. */
  problem(): string | null {
    if (this.broken) return `the journal failed: ${String(this.broken)}`;
    if (this.writeFailure) return `the disk refused a write at ${this.writeFailure.at}: ${this.writeFailure.error}`;
    return this.compactionFailure ? `compaction failed at ${this.compactionFailure.at}: ${this.compactionFailure.error}` : null;
  }

  /** Whether a background compaction is running now. */
  get compactionRunning(): boolean {
    return this.compacting !== null;
  }

  /** What the last finished compaction cost, and how many have been started; `null` stats before the first. */
  compactionStats(): { last: CompactionStats | null; attempts: number } {
    return { last: this.lastCompaction, attempts: this.compactionAttempts };
  }

  /** Resolves when no compaction is running (tests, `close`). */
  async idle(): Promise<void> {
    while (this.compacting) await this.compacting;
  }

  /**
   * Compacts now, synchronously: rotates the journal into an audit segment
   * and writes the snapshot. For tests and tools; the service compacts in
   * the background (see the class comment).
   */
  compact(): void {
    if (this.compacting) throw new Error('compact() while a background compaction runs: await idle() first.');
    this.rotate();
    if (this.folded.seq <= this.snapshotSeq) return;
    const state = { ...this.folded };
    const tmp = path.join(this.dir, `${SNAPSHOT_FILE}.tmp`);
    const fd = fs.openSync(tmp, 'w');
    try {
      for (const chunk of snapshotChunks(state, this.options.datasetVersion)) writeAll(fd, Buffer.from(chunk));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    this.installSnapshot(tmp, state.seq);
  }

  private async compactInBackground(): Promise<void> {
    this.compactionAttempts++;
    const started = performance.now();
    // The longest synchronous stretch between two yields: what a write arriving meanwhile waits for.
    let longestStepMs = 0;
    let longestStep: CompactionStats['longestStep'] = 'rotate';
    let step: CompactionStats['longestStep'] = 'slice';
    let stepStarted = started;
    const endStep = () => {
      const ms = performance.now() - stepStarted;
      if (ms > longestStepMs) [longestStepMs, longestStep] = [ms, step];
      step = 'slice';
    };
    // Every await of compaction goes through here, so that only its synchronous stretches are counted.
    const yieldNow = async <T>(work: Promise<T>): Promise<T> => {
      endStep();
      try {
        return await work;
      } finally {
        stepStarted = performance.now();
      }
    };
    try {
      if (this.fd === null || this.broken) return;
      // A rotation whose renames failed last time: finish it before a new one may use journal.next.jsonl.
      if (this.rotating) await yieldNow(this.finishRotation());
      // The file the journal goes on in, created and made durable in its folder before the switch,
      // so that switching to it holds no write for an fsync (see `switchJournal`).
      await yieldNow(this.prepareNextJournal());
      if (this.fd === null || this.broken) return;
      step = 'rotate';
      this.switchJournal();
      await yieldNow(this.finishRotation());
      // After a failed attempt nothing may be left to rotate, but the snapshot on disk is still behind.
      if (this.folded.seq <= this.snapshotSeq) return;
      const state = { ...this.folded };
      const tmp = path.join(this.dir, `${SNAPSHOT_FILE}.tmp`);
      const handle = await yieldNow(fs.promises.open(tmp, 'w'));
      let records = 0;
      let bytes = 0;
      try {
        let slice: string[] = [];
        let sliceBytes = 0;
        for (const chunk of snapshotChunks(state, this.options.datasetVersion)) {
          slice.push(chunk);
          sliceBytes += chunk.length;
          if (++records % RECORDS_PER_SLICE === 0 || sliceBytes >= SLICE_BYTES) {
            const buffer = Buffer.from(slice.join(''));
            bytes += buffer.length;
            await yieldNow(handle.write(buffer));
            slice = [];
            sliceBytes = 0;
          }
        }
        const buffer = Buffer.from(slice.join(''));
        bytes += buffer.length;
        await yieldNow(handle.write(buffer));
        await yieldNow(handle.sync());
      } finally {
        await yieldNow(handle.close());
      }
      if (this.fd === null) return; // closed meanwhile: the next open finishes from the segments
      stepStarted = performance.now();
      step = 'install';
      fs.renameSync(tmp, path.join(this.dir, SNAPSHOT_FILE));
      this.snapshotSeq = state.seq;
      // The folder's fsync may follow without holding writes: if a power loss undoes the rename, the old snapshot and the segments still hold every batch.
      await yieldNow(fsyncDirAsync(this.dir));
      endStep();
      this.lastCompaction = {
        seq: state.seq,
        records: state.nodes.size + state.edges.size,
        bytes,
        ms: performance.now() - started,
        longestStepMs,
        longestStep,
      };
      this.options.logger?.info('journal compacted', { ...this.lastCompaction });
    } catch (error) {
      this.compactionFailure = { error: String(error), at: new Date().toISOString() };
      const retryMs = this.options.retryCompactionMs ?? RETRY_COMPACTION_MS;
      this.options.logger?.error('journal compaction failed; every batch stays durable, retrying later (not per write)', { error: String(error), retryMs });
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.compactionFailure = null;
        if (this.fd !== null && !this.compacting) this.compacting = this.compactInBackground();
      }, retryMs);
      this.retryTimer.unref();
    } finally {
      this.compacting = null;
    }
  }

  /**
   * Moves the journal's lines into a new audit segment (a rename, so the
   * segment is complete or absent) and starts an empty journal; returns the
   * graph state as of the last rotated entry into `folded`. Crash-safe: the
   * segment's entries above the snapshot's seq are replayed on open.
   */
  // Opens an empty `journal.next.jsonl` and fsyncs the folder, off the event loop.
  private async prepareNextJournal(): Promise<void> {
    if (this.next !== null) return;
    const fd = await new Promise<number>((resolve, reject) =>
      fs.open(path.join(this.dir, NEXT_JOURNAL_FILE), 'a', (error, opened) => (error ? reject(error) : resolve(opened))),
    );
    try {
      await fsyncDirAsync(this.dir);
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
    this.next = fd;
  }

  /**
   * The background rotation's only synchronous step: appends go on in the
   * prepared `journal.next.jsonl` (already durable in its folder), and the
   * pending batches are folded into the snapshot's state. The renames that
   * make the old journal a segment follow in `finishRotation`; until they are
   * durable, start-up finds `journal.next.jsonl` and finishes them
   * (`finishInterruptedRotation`), so every batch acknowledged meanwhile is
   * found whatever a crash left.
   */
  private switchJournal(): void {
    if (this.pending.length === 0 && this.size === 0) return;
    const entries = this.pending.splice(0);
    if (this.size > 0 && this.next !== null) {
      this.rotating = { firstSeq: this.journalFirstSeq };
      fs.closeSync(this.fd!);
      this.fd = this.next;
      this.next = null;
      this.size = 0;
    }
    Object.assign(this.folded, fold(this.folded, entries, this.options.isBaseRecord));
  }

  // The old journal becomes `audit/segment-<first seq>.jsonl`, then the new one `journal.jsonl`; each rename made durable before the next.
  private async finishRotation(): Promise<void> {
    if (!this.rotating) return;
    const auditDir = path.join(this.dir, AUDIT_DIR);
    await fs.promises.mkdir(auditDir, { recursive: true });
    await fs.promises.rename(path.join(this.dir, JOURNAL_FILE), path.join(auditDir, segmentName(this.rotating.firstSeq)));
    await fsyncDirAsync(auditDir);
    await fsyncDirAsync(this.dir);
    await fs.promises.rename(path.join(this.dir, NEXT_JOURNAL_FILE), path.join(this.dir, JOURNAL_FILE));
    await fsyncDirAsync(this.dir);
    this.rotating = null;
  }

  private rotate(): void {
    if (this.fd === null) throw new StoreUnavailableError('The journal is closed.');
    if (this.broken) throw new StoreUnavailableError('The journal failed earlier; restart the service.');
    if (this.pending.length === 0 && this.size === 0) return;
    const entries = this.pending.splice(0);
    const auditDir = path.join(this.dir, AUDIT_DIR);
    fs.mkdirSync(auditDir, { recursive: true });
    if (this.size > 0) {
      const first = this.journalFirstSeq;
      fs.closeSync(this.fd);
      this.fd = null;
      fs.renameSync(path.join(this.dir, JOURNAL_FILE), path.join(auditDir, segmentName(first)));
      fsyncDir(auditDir);
      this.fd = fs.openSync(path.join(this.dir, JOURNAL_FILE), 'a');
      fsyncDir(this.dir);
      this.size = 0;
    }
    Object.assign(this.folded, fold(this.folded, entries, this.options.isBaseRecord));
  }

  private installSnapshot(tmp: string, seq: number): void {
    fs.renameSync(tmp, path.join(this.dir, SNAPSHOT_FILE));
    fsyncDir(this.dir);
    this.snapshotSeq = seq;
    this.options.logger?.info('journal snapshot written', { seq });
  }

  close(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.fd === null) return;
    if (this.next !== null) {
      fs.closeSync(this.next); // an unused prepared file: start-up removes it (it is empty)
      this.next = null;
    }
    fs.closeSync(this.fd);
    this.fd = null;
    this.releaseLock();
  }
}

// What a snapshot holds: the last state of every record the journal ever touched (at most the graph's size).
interface FoldedState {
  seq: number;
  nodes: Map<string, GraphNode | null>;
  edges: Map<string, GraphEdge | null>;
}

function open(dir: string, options: OpenFileWriteJournalOptions, releaseLock: () => void): OpenedJournal {
  const log = options.logger;
  const tmp = path.join(dir, `${SNAPSHOT_FILE}.tmp`);
  if (fs.existsSync(tmp)) {
    // A compaction stopped before its rename: the old snapshot and the full journal are still there.
    log?.warn('removing an unfinished snapshot left by an interrupted compaction', { file: tmp });
    fs.unlinkSync(tmp);
  }
  fs.rmSync(path.join(dir, AUDIT_DIR, 'segment.tmp'), { force: true });
  finishInterruptedRotation(dir, log);
  const { state, dataset: snapshotDataset, legacyAudit } = readSnapshot(path.join(dir, SNAPSHOT_FILE));
  pruneTombstones(state, options.isBaseRecord);
  let datasetChanged = snapshotDataset !== null && snapshotDataset !== options.datasetVersion;
  if (legacyAudit.length > 0) {
    migrateLegacySnapshot(dir, state, legacyAudit, snapshotDataset ?? options.datasetVersion);
    log?.info('journal: moved the audit log out of the snapshot into audit/', { entries: legacyAudit.length });
  }
  const segments = readSegments(dir);
  if (segments.datasetChanged(options.datasetVersion)) datasetChanged = true;
  // Every acknowledged batch, oldest first: the segments, then the journal.
  const history: AuditEntry[] = [...segments.entries];

  const journalPath = path.join(dir, JOURNAL_FILE);
  const bytes = fs.existsSync(journalPath) ? fs.readFileSync(journalPath) : Buffer.alloc(0);
  const lines = splitLines(bytes);
  const replay: AuditEntry[] = [];
  let alreadyInSnapshot = 0;
  let truncatedTail: RecoveryReport['truncatedTail'] = null;
  let previous: number | null = null;
  const inSegments = history.at(-1)?.seq ?? 0;

  for (const [index, line] of lines.entries()) {
    const isLast = index === lines.length - 1;
    const problem = line.complete ? null : 'no newline at the end (a write stopped mid-line)';
    const parsed = problem ? { error: problem } : parseLine(bytes.subarray(line.start, line.end).toString('utf8'));
    if ('error' in parsed) {
      if (!isLast) {
        throw new JournalCorruptError(
          `${journalPath} is corrupt at byte ${line.start} (line ${index + 1} of ${lines.length}): ${parsed.error}. ` +
            'Only the last line may be torn by a crash; this one is followed by others, so the journal was damaged. ' +
            'Start-up stops rather than lose acknowledged writes; see src/store/embedded/README.md.',
        );
      }
      truncatedTail = cutTail(dir, journalPath, bytes, line.start, parsed.error);
      log?.warn('journal: cut off a torn last line that was never acknowledged', truncatedTail);
      break;
    }
    const { seq, dataset, entry } = parsed;
    if (previous !== null && seq !== previous + 1) {
      throw new JournalCorruptError(`${journalPath} is corrupt at byte ${line.start}: entry ${seq} follows entry ${previous}.`);
    }
    if (previous === null && seq > state.seq + 1 && history.length === 0) {
      throw new JournalCorruptError(
        `${journalPath} starts at entry ${seq} but the snapshot ends at entry ${state.seq}: entries are missing.`,
      );
    }
    previous = seq;
    if (dataset !== options.datasetVersion) datasetChanged = true;
    // A journal line already in a segment: a v1 compaction stopped between its rename and the truncation.
    if (seq <= inSegments) {
      alreadyInSnapshot++;
      continue;
    }
    if (seq !== (history.at(-1)?.seq ?? state.seq) + 1 && !(history.length === 0 && seq <= state.seq + 1)) {
      throw new JournalCorruptError(`${journalPath} starts at entry ${seq} but the audit log ends at entry ${history.at(-1)?.seq ?? state.seq}: entries are missing.`);
    }
    history.push(entry);
  }
  if (history.length > 0 && history[0]!.seq !== 1) {
    throw new JournalCorruptError(`${dir}: the audit log starts at entry ${history[0]!.seq}, not 1: segments are missing.`);
  }
  if (state.seq > (history.at(-1)?.seq ?? 0)) {
    throw new JournalCorruptError(`${dir}: the snapshot ends at entry ${state.seq} but the audit log at ${history.at(-1)?.seq ?? 0}: entries are missing.`);
  }
  for (const entry of history) {
    if (entry.seq > state.seq) replay.push(entry);
    else if (entry.seq > inSegments) alreadyInSnapshot++;
  }

  if (datasetChanged) {
    log?.warn('journal: replaying writes made over other seeds; a write that no longer applies stops start-up', {
      dataset: options.datasetVersion,
    });
  }
  if (inSegments > 0 && alreadyInSnapshot > 0) dropLinesUpTo(journalPath, inSegments);
  const inJournal = history.find((entry) => entry.seq > inSegments);
  const journal = new FileWriteJournal(dir, options, state, [...replay], releaseLock, inJournal?.seq ?? (history.at(-1)?.seq ?? state.seq) + 1);
  fsyncDir(dir);
  const report: RecoveryReport = { snapshotSeq: state.seq, replayed: replay.length, alreadyInSnapshot, truncatedTail, datasetChanged };
  return {
    journal,
    recovered: {
      snapshot: state.seq > 0 ? { nodes: [...state.nodes], edges: [...state.edges] } : undefined,
      compacted: history.filter((entry) => entry.seq <= state.seq),
      replay,
    },
    report,
  };
}

/**
 * A background rotation stopped (crash, close) while the journal went on in
 * `journal.next.jsonl`: finishes it. Empty, it was never switched to (or
 * nothing was written after the switch) and is removed. Otherwise the old
 * `journal.jsonl`, if still there, holds the batches before it (closed whole
 * at the switch) and becomes their segment, and the next file becomes the
 * journal. Each step is made durable before the next one.
 */
function finishInterruptedRotation(dir: string, log: OpenFileWriteJournalOptions['logger']): void {
  const next = path.join(dir, NEXT_JOURNAL_FILE);
  if (!fs.existsSync(next)) return;
  if (fs.statSync(next).size === 0) {
    fs.unlinkSync(next);
    fsyncDir(dir);
    return;
  }
  const journal = path.join(dir, JOURNAL_FILE);
  if (fs.existsSync(journal)) {
    const bytes = fs.readFileSync(journal);
    const first = splitLines(bytes)[0];
    if (first) {
      const parsed = first.complete ? parseLine(bytes.subarray(first.start, first.end).toString('utf8')) : { error: 'no newline at the end' };
      if ('error' in parsed) throw new JournalCorruptError(`${journal} is corrupt at byte 0: ${parsed.error}. Start-up stops; see src/store/embedded/README.md.`);
      const auditDir = path.join(dir, AUDIT_DIR);
      fs.mkdirSync(auditDir, { recursive: true });
      fs.renameSync(journal, path.join(auditDir, segmentName(parsed.seq)));
      fsyncDir(auditDir);
    } else {
      fs.unlinkSync(journal);
    }
    fsyncDir(dir);
  }
  fs.renameSync(next, journal);
  fsyncDir(dir);
  log?.info('journal: finished a rotation a stop had interrupted', { file: next });
}

/**
 * Rewrites the journal without its lines up to `seq` (already in a segment
 * or the snapshot: a v1 compaction stopped before truncating), so that it
 * can later become a segment of its own. Atomic: written beside, fsync'd, renamed.
 */
function dropLinesUpTo(journalPath: string, seq: number): void {
  const bytes = fs.readFileSync(journalPath);
  const kept = splitLines(bytes)
    .filter((line) => line.complete)
    .map((line) => bytes.subarray(line.start, line.end).toString('utf8'))
    .filter((text) => {
      const parsed = parseLine(text);
      return !('error' in parsed) && parsed.seq > seq;
    });
  const tmp = `${journalPath}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    writeAll(fd, Buffer.from(kept.map((text) => `${text}\n`).join('')));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, journalPath);
  fsyncDir(path.dirname(journalPath));
}

/**
 * The state after `entries`: each record's last state; a deleted record keeps
 * its tombstone (`null`) only when it is in the base (`isBaseRecord`), since
 * replay over the base needs it only there. So the snapshot never holds more
 * records than the graph plus the base records deleted.
 */
function fold(state: FoldedState, entries: readonly AuditEntry[], isBaseRecord?: OpenFileWriteJournalOptions['isBaseRecord']): FoldedState {
  const nodes = new Map(state.nodes);
  const edges = new Map(state.edges);
  for (const entry of entries) {
    for (const change of entry.changes) {
      const records: Map<string, unknown> = change.kind === 'node' ? nodes : edges;
      if (change.after === null && isBaseRecord && !isBaseRecord(change.kind, change.id)) records.delete(change.id);
      else records.set(change.id, change.after);
    }
  }
  return { seq: entries.at(-1)?.seq ?? state.seq, nodes, edges };
}

// Tombstones a snapshot written before `isBaseRecord` (or over other seeds) holds for records the base lacks: a no-op on replay.
function pruneTombstones(state: FoldedState, isBaseRecord: OpenFileWriteJournalOptions['isBaseRecord']): void {
  if (!isBaseRecord) return;
  for (const [id, record] of state.nodes) if (record === null && !isBaseRecord('node', id)) state.nodes.delete(id);
  for (const [id, record] of state.edges) if (record === null && !isBaseRecord('edge', id)) state.edges.delete(id);
}

// The snapshot's text in pieces, one record each, with the checksum over all of them at the end.
function* snapshotChunks(state: FoldedState, dataset: string): Generator<string> {
  const hash = createHash('sha256');
  const emit = (text: string) => {
    hash.update(text, 'utf8');
    return text;
  };
  yield emit(`{"format":${JSON.stringify(SNAPSHOT_FORMAT)},"seq":${state.seq},"dataset":${JSON.stringify(dataset)},"nodes":[`);
  let first = true;
  for (const record of state.nodes) {
    yield emit(`${first ? '' : ','}${JSON.stringify(record)}`);
    first = false;
  }
  yield emit('],"edges":[');
  first = true;
  for (const record of state.edges) {
    yield emit(`${first ? '' : ','}${JSON.stringify(record)}`);
    first = false;
  }
  yield emit(']');
  yield `${CHECKSUM_KEY}${hash.digest('hex')}"}\n`;
}

function segmentName(firstSeq: number): string {
  return `segment-${String(firstSeq).padStart(12, '0')}.jsonl`;
}

function readSnapshot(file: string): { state: FoldedState; dataset: string | null; legacyAudit: AuditEntry[] } {
  const empty: FoldedState = { seq: 0, nodes: new Map(), edges: new Map() };
  if (!fs.existsSync(file)) return { state: empty, dataset: null, legacyAudit: [] };
  const text = fs.readFileSync(file, 'utf8').replace(/\n$/, '');
  const checked = verifyChecksum(text);
  if ('error' in checked) {
    // The snapshot is renamed into place only once complete and fsync'd: damage here is not a crash.
    throw new JournalCorruptError(`${file} is corrupt: ${checked.error}. Start-up stops; see src/store/embedded/README.md.`);
  }
  const data = checked.value as {
    format?: unknown;
    seq: number;
    dataset: string;
    nodes: [string, GraphNode | null][];
    edges: [string, GraphEdge | null][];
    audit?: AuditEntry[];
  };
  if (data.format !== SNAPSHOT_FORMAT && data.format !== SNAPSHOT_FORMAT_V1) {
    throw new JournalCorruptError(`${file} has an unknown format ${JSON.stringify(data.format)}.`);
  }
  return {
    state: { seq: data.seq, nodes: new Map(data.nodes), edges: new Map(data.edges) },
    dataset: data.dataset,
    legacyAudit: data.format === SNAPSHOT_FORMAT_V1 ? (data.audit ?? []) : [],
  };
}

/**
 * The audit segments, oldest first, checked line by line: they are renamed
 * into place whole, so any damage is corruption, not a crash.
 */
function readSegments(dir: string): { entries: AuditEntry[]; datasetChanged: (version: string) => boolean } {
  const auditDir = path.join(dir, AUDIT_DIR);
  const datasets = new Set<string>();
  const entries: AuditEntry[] = [];
  if (!fs.existsSync(auditDir)) return { entries, datasetChanged: () => false };
  const names = fs.readdirSync(auditDir).filter((name) => /^segment-\d{12}\.jsonl$/.test(name)).sort();
  for (const name of names) {
    const file = path.join(auditDir, name);
    const bytes = fs.readFileSync(file);
    for (const line of splitLines(bytes)) {
      const parsed = line.complete ? parseLine(bytes.subarray(line.start, line.end).toString('utf8')) : { error: 'no newline at the end' };
      if ('error' in parsed) throw new JournalCorruptError(`${file} is corrupt at byte ${line.start}: ${parsed.error}. Start-up stops; see src/store/embedded/README.md.`);
      const previous = entries.at(-1)?.seq;
      if (previous !== undefined && parsed.seq !== previous + 1) {
        throw new JournalCorruptError(`${file} is corrupt at byte ${line.start}: entry ${parsed.seq} follows entry ${previous}.`);
      }
      datasets.add(parsed.dataset);
      entries.push(parsed.entry);
    }
  }
  return { entries, datasetChanged: (version) => [...datasets].some((d) => d !== version) };
}

// A snapshot from before audit segments: its audit entries become the first segment, then the snapshot is rewritten without them.
function migrateLegacySnapshot(dir: string, state: FoldedState, audit: readonly AuditEntry[], dataset: string): void {
  const auditDir = path.join(dir, AUDIT_DIR);
  fs.mkdirSync(auditDir, { recursive: true });
  if (audit.length > 0) {
    const tmp = path.join(auditDir, 'segment.tmp');
    const lines = audit.map((entry) => `${withChecksum(`{"seq":${entry.seq},"dataset":${JSON.stringify(dataset)},"entry":${JSON.stringify(entry)}`)}\n`);
    const fd = fs.openSync(tmp, 'w');
    try {
      writeAll(fd, Buffer.from(lines.join('')));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, path.join(auditDir, segmentName(audit[0]!.seq)));
    fsyncDir(auditDir);
  }
  const tmp = path.join(dir, `${SNAPSHOT_FILE}.tmp`);
  fs.writeFileSync(tmp, [...snapshotChunks(state, dataset)].join(''));
  const fd = fs.openSync(tmp, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, path.join(dir, SNAPSHOT_FILE));
  fsyncDir(dir);
}

function parseLine(text: string): { seq: number; dataset: string; entry: AuditEntry } | { error: string } {
  const checked = verifyChecksum(text);
  if ('error' in checked) return checked;
  const value = checked.value as { seq?: unknown; dataset?: unknown; entry?: { seq?: unknown } };
  if (typeof value.seq !== 'number' || typeof value.dataset !== 'string' || !value.entry || value.entry.seq !== value.seq) {
    return { error: 'the line is not a journal entry' };
  }
  return value as { seq: number; dataset: string; entry: AuditEntry };
}

// `{...,"sha256":"<hex of everything before the comma>"}`: the text stays one JSON value and its digest covers every other byte.
function withChecksum(body: string): string {
  return `${body}${CHECKSUM_KEY}${sha256(body)}"}`;
}

function verifyChecksum(text: string): { value: unknown } | { error: string } {
  const at = text.lastIndexOf(CHECKSUM_KEY);
  if (at < 0 || !text.endsWith('"}')) return { error: 'no checksum' };
  const body = text.slice(0, at);
  const digest = text.slice(at + CHECKSUM_KEY.length, -2);
  if (digest !== sha256(body)) return { error: 'checksum mismatch' };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: `not JSON (${(error as Error).message})` };
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// Byte ranges of the lines; the last is incomplete when the file does not end with a newline.
function splitLines(bytes: Buffer): { start: number; end: number; complete: boolean }[] {
  const lines: { start: number; end: number; complete: boolean }[] = [];
  let start = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    if (newline < 0) {
      lines.push({ start, end: bytes.length, complete: false });
      break;
    }
    lines.push({ start, end: newline, complete: true });
    start = newline + 1;
  }
  return lines;
}

// Keeps the cut bytes beside the journal for inspection, then truncates the journal durably.
function cutTail(dir: string, journalPath: string, bytes: Buffer, offset: number, reason: string) {
  const savedTo = path.join(dir, `${JOURNAL_FILE}.torn-at-${offset}`);
  fs.writeFileSync(savedTo, bytes.subarray(offset));
  const fd = fs.openSync(journalPath, 'r+');
  try {
    fs.ftruncateSync(fd, offset);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return { offset, bytes: bytes.length - offset, reason, savedTo };
}

function writeAll(fd: number, buffer: Buffer): void {
  for (let written = 0; written < buffer.length; ) written += fs.writeSync(fd, buffer, written, buffer.length - written);
}

async function fsyncDirAsync(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// A rename or a new file is durable only once its folder's entry is.
function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
