import { summariseDiff, type RecordDiff } from './diff-snapshots';

/** The diff as seeds:check prints it: counts per change and type, then up to `listMax` ids per change. */
export function formatDiff(from: string, to: string, diffs: readonly RecordDiff[], listMax = 15): string {
  const lines = [`changes since release ${from} (to ${to}): ${diffs.length} record(s)`];
  const summary = summariseDiff(diffs);
  for (const change of ['added', 'changed', 'removed'] as const) {
    const types = Object.entries(summary[change]).sort(([a], [b]) => (a < b ? -1 : 1));
    if (types.length === 0) continue;
    const total = types.reduce((n, [, c]) => n + c, 0);
    lines.push(`  ${change} ${total}: ${types.map(([t, c]) => `${t} ${c}`).join(', ')}`);
    const ids = diffs.filter((d) => d.change === change).map((d) => d.id);
    for (const id of ids.slice(0, listMax)) lines.push(`    ${change === 'added' ? '+' : change === 'removed' ? '-' : '~'} ${id}`);
    if (ids.length > listMax) lines.push(`    … and ${ids.length - listMax} more`);
  }
  if (diffs.length === 0) lines.push('  no record differs');
  return lines.join('\n');
}
