/**
 * A labelled drop-down, the explorer's one way to choose among fixed values
 * (axes, measures, goal-link reach, hop counts, languages). `name` gives each
 * value's visible text; `onChoose` receives the value chosen.
 */
export function Choice<V extends string>({
  label,
  value,
  values,
  name,
  onChoose,
  class: className,
}: {
  label: string;
  value: V;
  values: readonly V[];
  name: (value: V) => string;
  onChoose: (value: V) => void;
  class?: string;
}) {
  return (
    <label class={className}>
      <span>{label}</span>
      <select value={value} onChange={(event) => onChoose(event.currentTarget.value as V)}>
        {values.map((option) => (
          <option key={option} value={option}>
            {name(option)}
          </option>
        ))}
      </select>
    </label>
  );
}
