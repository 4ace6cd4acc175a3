import { GOAL_LINKS } from '../api/matrix';
import { useUi, type MessageKey } from '../i18n/use-ui';
import { Choice } from './choice';

/** How a goal-level link counts toward targets (the API's `GoalLinkReach`), as the matrix and overlap pages offer it. */
export function GoalLinksChoice({ value, onChoose, class: className }: { value: string; onChoose: (value: string) => void; class?: string }) {
  const { t } = useUi();
  return (
    <Choice label={t('matrix.goalLinks')} value={value} values={GOAL_LINKS} name={(reach) => t(`goalLinks.${reach}` as MessageKey)} onChoose={onChoose} class={className} />
  );
}
