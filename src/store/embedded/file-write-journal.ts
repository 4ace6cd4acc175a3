import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import path from 'node:path';
import { StoreUnavailableError } from '../../domain/errors';
import type { GraphEdge, GraphNode } from '../../domain/graph-records';
import type { Logger } from '../../logger';
import type { AuditEntry } from '../graph-store';
import type { RecoveredWrites, WriteJournal } from './embedded-graph-store';

/**
 * The embedded store's durability: an append-only journal of acknowledged
 * batches, plus a snapshot that compaction folds them into. Format, location
 * and guarantees are described in `./README.md`; in short:
 *
 *   <dir>/journal.jsonl   one line per acknowledged batch:
 *                         {"seq":N,"dataset":"<seeds version>","entry":<AuditEntry>,"sha256":"<hex>"}
 *                         where sha256 is taken over the line's text before `,"sha256"`
 *   <dir>/snapshot.json   the folded effect of entries 1..S and their audit entries, same checksum scheme
 *   <dir>/LOCK            the pid of the process that has the journal open
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

/** Another live process has this data folder open. */
export class JournalLockedError extends Error {}

export const JOURNAL_FILE = 'journal.jsonl';
export const SNAPSHOT_FILE = 'snapshot.json';
export const LOCK_FILE = 'LOCK';
const SNAPSHOT_FORMAT = 'wsis-graph-snapshot/1';
const CHECKSUM_KEY = ',"sha256":"';

/** Opens (creating when missing) the journal in `options.dir` and reads back what it holds. */
export function openFileWriteJournal(options: OpenFileWriteJournalOptions): OpenedJournal {
  const dir = path.resolve(options.dir);
  fs.mkdirSync(dir, { recursive: true });
  const releaseLock = acquireLock(dir);
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

  /** @internal use {@link openFileWriteJournal} */
  constructor(
    private readonly dir: string,
    private readonly options: OpenFileWriteJournalOptions,
    private readonly folded: FoldedState,
    private readonly pending: AuditEntry[],
    private readonly releaseLock: () => void,
  ) {
    this.fd = fs.openSync(path.join(dir, JOURNAL_FILE), 'a');
    this.size = fs.fstatSync(this.fd).size;
    this.lastSeq = pending.at(-1)?.seq ?? folded.seq;
  }

  /** The last acknowledged `seq`. */
  get seq(): number {
    return this.lastSeq;
  }

  /**
   * Writes one line for `entry` and fsyncs it. Throws `StoreUnavailableError`
   * when the disk refuses; the line is then cut off again and the journal
   * refuses every later append (the process must restart), because after a
   * failed fsync the file's state on disk is unknown.
   */
  append(entry: AuditEntry): void {
    if (this.fd === null) throw new StoreUnavailableError('The journal is closed.');
    if (this.broken) throw new StoreUnavailableError('The journal failed earlier; restart the service.');
    if (entry.seq !== this.lastSeq + 1) {
      throw new Error(`Journal append out of order: seq ${entry.seq} after ${this.lastSeq}.`);
    }
    const line = Buffer.from(`${withChecksum(`{"seq":${entry.seq},"dataset":${JSON.stringify(this.options.datasetVersion)},"entry":${JSON.stringify(entry)}`)}\n`);
    try {
      writeAll(this.fd, line);
      fs.fsyncSync(this.fd);
    } catch (error) {
      this.broken = error as Error;
      try {
        fs.ftruncateSync(this.fd, this.size);
      } catch {
        // The torn line stays; the next open reports and cuts it (it is the last line).
      }
      this.options.logger?.error('journal append failed; refusing further writes', { error: String(error) });
      throw new StoreUnavailableError('The write could not be made durable; nothing was changed.');
    }
    this.size += line.length;
    this.lastSeq = entry.seq;
    this.pending.push(entry);
    if (this.pending.length >= (this.options.compactEvery ?? 1000)) {
      try {
        this.compact();
      } catch (error) {
        // The batch is durable in the journal already; a failed compaction only postpones the next one.
        this.options.logger?.warn('journal compaction failed; the journal keeps every batch', { error: String(error) });
      }
    }
  }

  /**
   * Folds every journal line into a new snapshot and empties the journal.
   * Crash-safe at every step: (1) the snapshot is written to a temporary file
   * and fsync'd; (2) renamed over `snapshot.json` and the folder fsync'd;
   * (3) the journal is truncated and fsync'd. A crash before (2) leaves the
   * old snapshot and the full journal; after (2) and before (3), the journal's
   * lines have `seq` ≤ the snapshot's and are skipped on open.
   */
  compact(): void {
    if (this.fd === null) throw new StoreUnavailableError('The journal is closed.');
    if (this.broken) throw new StoreUnavailableError('The journal failed earlier; restart the service.');
    const next = fold(this.folded, this.pending);
    const text = snapshotText(next, this.options.datasetVersion);
    const tmp = path.join(this.dir, `${SNAPSHOT_FILE}.tmp`);
    const tmpFd = fs.openSync(tmp, 'w');
    try {
      writeAll(tmpFd, Buffer.from(text));
      fs.fsyncSync(tmpFd);
    } finally {
      fs.closeSync(tmpFd);
    }
    fs.renameSync(tmp, path.join(this.dir, SNAPSHOT_FILE));
    fsyncDir(this.dir);
    Object.assign(this.folded, next);
    this.pending.length = 0;
    fs.ftruncateSync(this.fd, 0);
    fs.fsyncSync(this.fd);
    this.size = 0;
    this.options.logger?.info('journal compacted', { seq: next.seq });
  }

  close(): void {
    if (this.fd === null) return;
    fs.closeSync(this.fd);
    this.fd = null;
    this.releaseLock();
  }
}

// What a snapshot holds: the last state of every record the journal ever touched, and the audit log.
interface FoldedState {
  seq: number;
  nodes: Map<string, GraphNode | null>;
  edges: Map<string, GraphEdge | null>;
  audit: AuditEntry[];
}

function open(dir: string, options: OpenFileWriteJournalOptions, releaseLock: () => void): OpenedJournal {
  const log = options.logger;
  const tmp = path.join(dir, `${SNAPSHOT_FILE}.tmp`);
  if (fs.existsSync(tmp)) {
    // A compaction stopped before its rename: the old snapshot and the full journal are still there.
    log?.warn('removing an unfinished snapshot left by an interrupted compaction', { file: tmp });
    fs.unlinkSync(tmp);
  }
  const { state, dataset: snapshotDataset } = readSnapshot(path.join(dir, SNAPSHOT_FILE));
  let datasetChanged = snapshotDataset !== null && snapshotDataset !== options.datasetVersion;

  const journalPath = path.join(dir, JOURNAL_FILE);
  const bytes = fs.existsSync(journalPath) ? fs.readFileSync(journalPath) : Buffer.alloc(0);
  const lines = splitLines(bytes);
  const replay: AuditEntry[] = [];
  let alreadyInSnapshot = 0;
  let truncatedTail: RecoveryReport['truncatedTail'] = null;
  let previous: number | null = null;

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
    if (previous === null && seq > state.seq + 1) {
      throw new JournalCorruptError(
        `${journalPath} starts at entry ${seq} but the snapshot ends at entry ${state.seq}: entries are missing.`,
      );
    }
    previous = seq;
    if (dataset !== options.datasetVersion) datasetChanged = true;
    if (seq <= state.seq) alreadyInSnapshot++;
    else replay.push(entry);
  }

  if (datasetChanged) {
    log?.warn('journal: replaying writes made over other seeds; a write that no longer applies stops start-up', {
      dataset: options.datasetVersion,
    });
  }
  const journal = new FileWriteJournal(dir, options, state, [...replay], releaseLock);
  fsyncDir(dir);
  const report: RecoveryReport = { snapshotSeq: state.seq, replayed: replay.length, alreadyInSnapshot, truncatedTail, datasetChanged };
  return {
    journal,
    recovered: {
      snapshot: state.seq > 0 ? { nodes: [...state.nodes], edges: [...state.edges] } : undefined,
      compacted: state.audit,
      replay,
    },
    report,
  };
}

function fold(state: FoldedState, entries: readonly AuditEntry[]): FoldedState {
  const nodes = new Map(state.nodes);
  const edges = new Map(state.edges);
  for (const entry of entries) {
    for (const change of entry.changes) {
      if (change.kind === 'node') nodes.set(change.id, change.after);
      else edges.set(change.id, change.after);
    }
  }
  return { seq: entries.at(-1)?.seq ?? state.seq, nodes, edges, audit: [...state.audit, ...entries] };
}

function snapshotText(state: FoldedState, dataset: string): string {
  const body =
    `{"format":${JSON.stringify(SNAPSHOT_FORMAT)},"seq":${state.seq},"dataset":${JSON.stringify(dataset)}` +
    `,"nodes":${JSON.stringify([...state.nodes])},"edges":${JSON.stringify([...state.edges])}` +
    `,"audit":${JSON.stringify(state.audit)}`;
  return `${withChecksum(body)}\n`;
}

function readSnapshot(file: string): { state: FoldedState; dataset: string | null } {
  const empty: FoldedState = { seq: 0, nodes: new Map(), edges: new Map(), audit: [] };
  if (!fs.existsSync(file)) return { state: empty, dataset: null };
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
    audit: AuditEntry[];
  };
  if (data.format !== SNAPSHOT_FORMAT) throw new JournalCorruptError(`${file} has an unknown format ${JSON.stringify(data.format)}.`);
  return {
    state: { seq: data.seq, nodes: new Map(data.nodes), edges: new Map(data.edges), audit: data.audit },
    dataset: data.dataset,
  };
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

// A rename or a new file is durable only once its folder's entry is.
function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

// Folders open in this process: a second open would interleave two writers, like a second process.
const openHere = new Set<string>();

/**
 * One writer per data folder. The lock file holds the owner's pid; a lock
 * whose pid is no longer running (the owner was killed) is taken over.
 */
function acquireLock(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  if (openHere.has(dir)) throw new JournalLockedError(`${dir} is already open in this process.`);
  try {
    fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
      throw new JournalLockedError(`${dir} is in use by process ${owner} (${file}); one service per data folder.`);
    }
    fs.writeFileSync(file, String(process.pid));
  }
  openHere.add(dir);
  return () => {
    openHere.delete(dir);
    fs.rmSync(file, { force: true });
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
