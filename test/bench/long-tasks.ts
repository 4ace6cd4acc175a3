import { readFileSync } from 'node:fs';

/** One stretch in which the event loop never went idle, and what ran in it. */
export interface LongTask {
  ms: number;
  /** Self time by function in the stretch, largest first. */
  top: { name: string; ms: number }[];
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * The longest stretches of a V8 `.cpuprofile` with no `(idle)` sample: how
 * long the event loop was held at a time (a request arriving then waits at
 * least that long), and which functions the stretch spent its time in. Where
 * `summarise-profile.ts` answers "where does the CPU go", this answers "what
 * keeps `/healthz` waiting".
 */
export function longTasks(file: string, count = 5, top = 6): LongTask[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const stretches: { ms: number; self: Map<string, number> }[] = [];
  let current: { ms: number; self: Map<string, number> } | null = null;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]!)!;
    // A sample's time is the gap to the next one.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (node.callFrame.functionName === '(idle)') {
      if (current) stretches.push(current);
      current = null;
      continue;
    }
    current ??= { ms: 0, self: new Map() };
    current.ms += ms;
    const name = nameOf(node.callFrame);
    current.self.set(name, (current.self.get(name) ?? 0) + ms);
  }
  if (current) stretches.push(current);
  return stretches
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count)
    .map((stretch) => ({
      ms: stretch.ms,
      top: [...stretch.self.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([name, ms]) => ({ name, ms })),
    }));
}

/** Long tasks as Markdown lines. */
export function longTasksMarkdown(tasks: readonly LongTask[]): string {
  return tasks
    .map((task) => `- ${task.ms.toFixed(1)} ms: ${task.top.map((entry) => `${entry.name} ${entry.ms.toFixed(1)}`).join(', ')}`)
    .join('\n');
}

function nameOf(frame: { functionName: string; url: string; lineNumber: number }): string {
  const where = frame.url ? ` ${frame.url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '').replace(/^.*\/dist\//, '')}:${frame.lineNumber + 1}` : '';
  return `${frame.functionName || '(anonymous)'}${where}`;
}
