/**
 * The heatmap's sequential scale, light to dark blue (ColorBrewer "Blues"),
 * readable by people with the common colour-vision deficiencies; `share` is
 * the value over the matrix's largest, in (0, 1].
 */
const STOPS = ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c', '#08306b'];

export function heatColour(share: number): string {
  const position = Math.min(Math.max(share, 0), 1) * (STOPS.length - 1);
  const low = Math.floor(position);
  const high = Math.min(low + 1, STOPS.length - 1);
  return mix(STOPS[low]!, STOPS[high]!, position - low);
}

/** Text on a cell: white on the dark half of the scale (contrast ≥ 4.5:1 both ways). */
export function textColour(share: number): string {
  return share > 0.45 ? '#ffffff' : '#0b1f33';
}

export const LEGEND_STOPS = STOPS;

function mix(a: string, b: string, amount: number): string {
  const channel = (hex: string, index: number) => parseInt(hex.slice(1 + index * 2, 3 + index * 2), 16);
  const parts = [0, 1, 2].map((index) => Math.round(channel(a, index) + (channel(b, index) - channel(a, index)) * amount));
  return `#${parts.map((part) => part.toString(16).padStart(2, '0')).join('')}`;
}
