import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Another process (or this one) has the data folder open. */
export class JournalLockedError extends Error {}

export const LOCK_FILE = 'LOCK';

// Folders open in this process: flock(2) locks belong to an open file, so a
// second open in the same process would not conflict with the first by itself.
const openHere = new Set<string>();

/**
 * Takes the data folder's writer lock, or throws `JournalLockedError`.
 *
 * The lock is an OS advisory lock, `flock(LOCK_EX | LOCK_NB)`, on `<dir>/LOCK`,
 * held by an open file of this process until `release()` or the process ends
 * (the kernel drops it on any exit, `kill -9` included). Unlike the pid file
 * it replaces, it does not depend on pids, so it excludes a second process in
 * another PID namespace (another container on the same volume) exactly as
 * one in the same namespace. Node has no flock binding, so the lock is taken
 * by util-linux's `flock -n 3` run on a descriptor this process passes as
 * fd 3: a child's duplicate refers to the same open file description, and
 * the lock stays with that description when the child exits.
 *
 * What it guarantees elsewhere: on one host, any file system. On NFS, Linux
 * emulates flock with NFS byte-range locks (NLM on v3, built in on v4), so
 * hosts sharing an NFS volume exclude each other as long as the server's lock
 * service runs; on a file system without remote locking (some FUSE mounts,
 * NFS mounted with `nolock`) the lock is local to each host: run one service
 * per data folder there. The file's text (host, pid, time) is only for the
 * error message.
 */
export function acquireDataDirLock(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  if (openHere.has(dir)) throw new JournalLockedError(`${dir} is already open in this process.`);
  const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
  try {
    const result = spawnSync('flock', ['--nonblock', '--exclusive', '--conflict-exit-code', '75', '3'], {
      stdio: ['ignore', 'ignore', 'pipe', fd],
    });
    if (result.error) throw new Error(`cannot lock ${file}: running util-linux flock failed (${result.error.message}); install util-linux.`);
    if (result.status === 75) {
      const owner = fs.readFileSync(file, 'utf8').trim() || 'another process';
      throw new JournalLockedError(`${dir} is in use by ${owner} (${file} is locked); one service per data folder.`);
    }
    if (result.status !== 0) throw new Error(`cannot lock ${file}: flock exited with ${result.status}: ${result.stderr.toString().trim()}`);
    fs.ftruncateSync(fd, 0);
    fs.writeSync(fd, `host ${os.hostname()} pid ${process.pid} since ${new Date().toISOString()}\n`, 0);
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
  openHere.add(dir);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    openHere.delete(dir);
    // The file stays: removing it would let a waiting process lock a file no longer at this path.
    fs.closeSync(fd);
  };
}
