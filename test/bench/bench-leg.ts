import type { SeedSet } from '../../src/seeds/load-seeds';
import type { BenchReport, TargetResult, WorkloadResult } from './report';
import type { ChildServer } from './spawn-server';
import type { Workload } from './workloads';

/**
 * A leg of `npm run bench`: one question with its own servers, table and
 * targets, run after the ×1 side-by-side table. To add one, write a module in
 * `legs/` exporting a `BenchLeg` and list it in `legs/index.ts`; run-bench.ts
 * then runs it (in list order), prints its Markdown under its title, keeps its
 * `data` in the JSON under `legs.<name>`, and adds its targets to the targets
 * table. `--legs a,b` runs only those, `--skip-legs a,b` all but those.
 */
export interface BenchLeg {
  /** Key for `--legs`/`--skip-legs` and the JSON. */
  name: string;
  /** Heading of its section in the report. */
  title: string;
  /** Off by default (e.g. needs a database or takes long): runs only when named in `--legs`. */
  optIn?: boolean;
  run(context: BenchContext): Promise<LegResult>;
}

export interface LegResult {
  /** The leg's section, Markdown, without its heading. */
  markdown: string;
  /** Whatever the leg measured, for the JSON report. */
  data: unknown;
  targets: TargetResult[];
}

/** What a leg gets from the runner. */
export interface BenchContext {
  seeds: SeedSet;
  settings: BenchReport['settings'];
  /** The ×1 workloads as measured in the main table (skipped ones included). */
  x1: readonly WorkloadResult[];
  workload(name: string): Workload;
  /** Starts `bench-server.js` with the bench's quiet settings plus `env`, pinned like the other servers. */
  startServer(env: Record<string, string>): Promise<ChildServer>;
  /** Seconds left of the run's time budget (`--budget`); a long leg should shorten itself or skip. */
  secondsLeft(): number;
  log(message: string): void;
}
