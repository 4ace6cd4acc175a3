import { openFileWriteJournal } from '../../../../src/store/embedded/file-write-journal';

// Opens the journal of the folder given and holds it until killed; with --once, reports and exits.
// Used by file-write-journal.test.ts to hold a data folder from another process (and PID namespace).
const [dir, once] = process.argv.slice(2);
try {
  const opened = openFileWriteJournal({ dir: dir!, datasetVersion: '1.0.0+test' });
  process.stdout.write(`opened ${dir} as pid ${process.pid}\n`);
  if (once) {
    opened.journal.close();
  } else {
    setInterval(() => undefined, 60_000);
  }
} catch (error) {
  process.stdout.write(`refused: ${(error as Error).message}\n`);
}
