import { compareCodes } from '../../domain/sort-key';
import type { ReleaseSnapshot } from './release-snapshot';

export type ChangeKind = 'added' | 'changed' | 'removed';

/** One record that differs between two snapshots. `kind` is `node` or `edge`, as in the audit log. */
export interface RecordDiff {
  kind: 'node' | 'edge';
  id: string;
  change: ChangeKind;
}

/** Records of `after` not in `before` (added), in both with another hash (changed), only in `before` (removed); nodes first, each by id. */
export function diffSnapshots(before: ReleaseSnapshot, after: ReleaseSnapshot): RecordDiff[] {
  return [...diffMaps('node', before.nodes, after.nodes), ...diffMaps('edge', before.edges, after.edges)];
}

function diffMaps(kind: 'node' | 'edge', before: Record<string, string>, after: Record<string, string>): RecordDiff[] {
  const out: RecordDiff[] = [];
  for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = before[id];
    const is = after[id];
    if (was === is) continue;
    out.push({ kind, id, change: was === undefined ? 'added' : is === undefined ? 'removed' : 'changed' });
  }
  return out.sort((a, b) => compareCodes(a.id, b.id));
}

/** Per change kind and record type (`Entity`, `FACILITATES`, …), how many records differ. */
export function summariseDiff(diffs: readonly RecordDiff[]): Record<ChangeKind, Record<string, number>> {
  const summary: Record<ChangeKind, Record<string, number>> = { added: {}, changed: {}, removed: {} };
  for (const d of diffs) {
    const type = d.kind === 'node' ? d.id.slice(0, d.id.indexOf(':')) : d.id.slice(0, d.id.indexOf('|'));
    summary[d.change][type] = (summary[d.change][type] ?? 0) + 1;
  }
  return summary;
}
