import { useMemo } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { AXES, MATRIX, MATRIX_CELL_EVIDENCE, matrixParams, matrixVariables, MEASURES, type CellEvidence, type Matrix } from '../api/matrix';
import { useDataset } from '../api/use-dataset';
import { useQuery } from '../api/use-query';
import { Choice } from '../components/choice';
import { EvidenceList, isDisputeFlag } from '../components/evidence-list';
import { GoalLinksChoice } from '../components/goal-links-choice';
import { Heatmap } from '../components/heatmap';
import { LEGEND_STOPS } from '../components/heat-colour';
import { NodeLink } from '../components/node-link';
import { NodeList } from '../components/node-list';
import { usePageTitle } from '../components/page-title';
import { Status } from '../components/status';
import { matrixSvg, svgToPng } from '../downloads/matrix-svg';
import { matrixTable } from '../downloads/matrix-table';
import { safeName, saveFile } from '../downloads/save-file';
import { toCsv } from '../downloads/to-csv';
import { useUi, type MessageKey } from '../i18n/use-ui';

/**
 * `/matrix?rows=&columns=&measure=&goalLinks=&cell=&focus=`: any axis × any
 * axis as a heatmap. The URL holds the whole state: the open cell, and the
 * node whose row or column is marked and scrolled to (`focus`, a node page's
 * "see it in the matrix").
 */
export function MatrixPage() {
  const { query, route } = useLocation();
  const { t, href, lang } = useUi();
  const params = matrixParams(query);
  const variables = matrixVariables(query);
  const selected = query.cell;
  const focus = query.focus;
  const grid = useQuery<{ matrix: Matrix }>(MATRIX, variables);
  const [row = '', column = ''] = (selected ?? '').split('|');
  const evidence = useQuery<{ matrix: { cell: CellEvidence | null } }>(MATRIX_CELL_EVIDENCE, { ...variables, row, column }, !row || !column);
  const dataset = useDataset();
  usePageTitle(t('matrix.title'));

  const set = (next: Record<string, string | undefined>, replace = false) => {
    const merged = { ...params, cell: selected, focus, ...next };
    route(
      href('/matrix', {
        rows: merged.rows,
        columns: merged.columns,
        measure: merged.measure,
        goalLinks: merged.goalLinks === 'EVERY_TARGET' ? undefined : merged.goalLinks,
        cell: merged.cell,
        focus: merged.focus,
      }),
      replace,
    );
  };
  const matrix = grid.data?.matrix;
  // Stable per measure: the heatmap makes its markup again only when this changes.
  const format = useMemo(() => (params.measure === 'JACCARD' ? (value: number) => value.toFixed(2) : String), [params.measure]);
  const axisName = (axis: string) => t(`axis.${axis}` as MessageKey);
  const measureName = t(`measure.${params.measure}` as MessageKey);
  const baseName = `wsis-graph_matrix_${params.rows}_x_${params.columns}_${params.measure}${params.goalLinks === 'GOAL_ONLY' ? '_GOAL_ONLY' : ''}_${lang}_${safeName(dataset.data?.version ?? 'unknown')}`;

  const download = async (kind: 'csv' | 'xlsx' | 'svg' | 'png') => {
    if (!matrix) return;
    if (kind === 'csv') return saveFile(new Blob([toCsv(matrixTable(matrix))], { type: 'text/csv;charset=utf-8' }), `${baseName}.csv`);
    if (kind === 'xlsx') {
      const { toXlsx } = await import('../downloads/to-xlsx');
      return saveFile(await toXlsx(matrixTable(matrix), `${params.rows} x ${params.columns}`), `${baseName}.xlsx`);
    }
    const { svg, width, height } = matrixSvg(
      matrix,
      {
        title: `${axisName(params.rows)} × ${axisName(params.columns)} — ${measureName}`,
        subtitle: t('matrix.svgSubtitle', { version: dataset.data?.version ?? '' }),
        low: t('matrix.legendLow'),
        high: t('matrix.legendHigh', { max: format(Math.max(0, ...matrix.cells.map((c) => c.value))) }),
        disputed: t('matrix.legendDisputed'),
        derived: t('matrix.legendDerived'),
      },
      format,
    );
    if (kind === 'svg') return saveFile(new Blob([svg], { type: 'image/svg+xml' }), `${baseName}.svg`);
    saveFile(await svgToPng(svg, width, height), `${baseName}.png`);
  };

  return (
    <>
      <h1>{t('matrix.title')}</h1>
      <p class="muted">{t('matrix.intro')}</p>
      <form class="controls" onSubmit={(event) => event.preventDefault()}>
        <Choice label={t('matrix.rows')} value={params.rows} values={AXES} name={axisName} onChoose={(rows) => set({ rows, cell: undefined })} />
        <Choice label={t('matrix.columns')} value={params.columns} values={AXES} name={axisName} onChoose={(columns) => set({ columns, cell: undefined })} />
        <Choice
          label={t('matrix.measure')}
          value={params.measure}
          values={MEASURES}
          name={(measure) => t(`measure.${measure}` as MessageKey)}
          onChoose={(measure) => set({ measure, cell: undefined })}
        />
        {params.measure !== 'DIRECT_LINKS' && <GoalLinksChoice value={params.goalLinks} onChoose={(goalLinks) => set({ goalLinks, cell: undefined })} />}
      </form>
      <Status loading={grid.loading} error={grid.error} />
      {matrix && (
        <>
          <div class="downloads" role="group" aria-label={t('matrix.downloads')}>
            <span>{t('matrix.download')}</span>
            {(['csv', 'xlsx', 'svg', 'png'] as const).map((kind) => (
              <button key={kind} type="button" data-download={kind} onClick={() => void download(kind)}>
                {kind.toUpperCase()}
              </button>
            ))}
          </div>
          <Legend matrix={matrix} format={format} />
          <div class="matrix-layout">
            <Heatmap
              matrix={matrix}
              format={format}
              caption={`${axisName(params.rows)} × ${axisName(params.columns)} — ${measureName}`}
              selected={selected}
              focus={focus}
              onSelect={(key) => set({ cell: key }, true)}
            />
            {selected && (
              <CellPanel
                matrix={matrix}
                selected={selected}
                evidence={evidence.data?.matrix.cell ?? undefined}
                loading={evidence.loading}
                error={evidence.error}
                format={format}
                onClose={() => set({ cell: undefined }, true)}
              />
            )}
          </div>
        </>
      )}
    </>
  );
}

function Legend({ matrix, format }: { matrix: Matrix; format: (value: number) => string }) {
  const { t } = useUi();
  const max = Math.max(0, ...matrix.cells.map((cell) => cell.value));
  return (
    <div class="legend" aria-label={t('matrix.legend')} role="group">
      <span>{t('matrix.legendLow')}</span>
      <span class="ramp" aria-hidden="true">
        {LEGEND_STOPS.map((stop) => (
          <span key={stop} style={{ background: stop }} />
        ))}
      </span>
      <span>{t('matrix.legendHigh', { max: format(max) })}</span>
      <span class="legend-item">
        <span class="swatch disputed-swatch" aria-hidden="true" /> {t('matrix.legendDisputed')}
      </span>
      <span class="legend-item">
        <span class="swatch flagged-swatch" aria-hidden="true" /> {t('matrix.legendFlagged')}
      </span>
      <span class="legend-item">
        <span class="swatch derived-swatch" aria-hidden="true" /> {t('matrix.legendDerived')}
      </span>
    </div>
  );
}

interface CellPanelProps {
  matrix: Matrix;
  selected: string;
  evidence?: CellEvidence;
  loading: boolean;
  error?: Error;
  format: (value: number) => string;
  onClose: () => void;
}

function CellPanel({ matrix, selected, evidence, loading, error, format, onClose }: CellPanelProps) {
  const { t } = useUi();
  const [rowId, columnId] = selected.split('|');
  const row = matrix.rows.find((node) => node.id === rowId);
  const column = matrix.columns.find((node) => node.id === columnId);
  const cell = matrix.cells.find((c) => c.row.id === rowId && c.column.id === columnId);
  const detail = evidence && evidence.row.id === rowId && evidence.column.id === columnId ? evidence : undefined;
  if (!row || !column) return null;
  return (
    <aside class="cell-panel" aria-labelledby="cell-title" data-testid="cell-panel">
      <div class="panel-head">
        <h2 id="cell-title">
          {row.code} × {column.code}
        </h2>
        <button type="button" onClick={onClose} aria-label={t('matrix.closeCell')}>
          ×
        </button>
      </div>
      <p>
        <NodeLink node={row} /> · <NodeLink node={column} />
      </p>
      {!cell ? (
        <p>{t('matrix.noLinks')}</p>
      ) : (
        <>
          <p>
            {t('matrix.value')}: <strong data-testid="cell-value">{format(cell.value)}</strong>
            {cell.flags.length > 0 && (
              <>
                {' · '}
                {cell.flags.map((flag) => (
                  <span key={flag} class={`flag${isDisputeFlag(flag) ? ' flag-dispute' : ''}`}>
                    {flag}
                  </span>
                ))}
              </>
            )}
          </p>
          <Status loading={loading && !detail} error={error} />
          {detail && detail.sharedTargets.length > 0 && (
            <>
              <h3>{t('matrix.sharedTargets')}</h3>
<NodeList nodes={detail.sharedTargets} inline />
            </>
          )}
          {detail && (
            <>
              <h3>{t('matrix.evidence', { count: detail.evidence.length })}</h3>
              <EvidenceList links={detail.evidence} />
            </>
          )}
        </>
      )}
    </aside>
  );
}
