import { readFileSync } from 'node:fs';

/** Self time of one function, or of one area (a package, a src/ folder, node internals, GC). */
export interface ProfileLine {
  name: string;
  selfMs: number;
  /** Share of all sampled time, 0–1. */
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  topFunctions: ProfileLine[];
  areas: ProfileLine[];
}

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  startTime: number;
  endTime: number;
}

/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and sums self time by
 * function and by area, so that a missed target can be explained by where
 * the service spends its CPU: which package (graphql, graphql-yoga,
 * graphology …), which src/ folder, or the garbage collector. Idle time is
 * left out of the shares: it is time the process waited, not time it spent.
 */
export function summariseProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const sampleMs = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let busyMs = 0;
  for (const node of profile.nodes) {
    const ms = (node.hitCount ?? 0) * sampleMs;
    if (ms === 0 || node.callFrame.functionName === '(idle)') continue;
    busyMs += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    const area = areaOf(functionName, url);
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
  }
  const lines = (map: Map<string, number>) =>
    [...map.entries()]
      .map(([name, selfMs]) => ({ name, selfMs, share: busyMs > 0 ? selfMs / busyMs : 0 }))
      .sort((a, b) => b.selfMs - a.selfMs);
  return { totalMs: busyMs, topFunctions: lines(byFunction).slice(0, top), areas: lines(byArea) };
}

// Packages by name, our code by src/ folder, the rest by what V8 calls it.
function areaOf(functionName: string, url: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : 'native';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  const inSrc = /\/dist\/src\/([^/]+)/.exec(url);
  if (inSrc) return `src/${inSrc[1]!.replace(/\.js$/, '')}`;
  if (/\/dist\/test\/bench\//.test(url)) return 'test/bench';
  if (url.startsWith('node:')) return 'node internals';
  return 'other';
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '').replace(/^.*\/dist\//, 'dist/');
}
