// A / A+ / A++: three toggle buttons rather than a slider, because older readers find a tap on a
// big letter easier than dragging. The choice is kept for every guide (state/guides.ts).

import { t } from '../../shared/i18n/index.ts';
import { FONT_STEPS, fontStep, setFontStep } from '../../state/guides.ts';

export function FontSizeSwitch() {
  return (
    <div class="font-switch" role="group" aria-label={t('guide.fontSize')}>
      {FONT_STEPS.map((step) => (
        <button
          key={step}
          type="button"
          class={`font-step font-step-${step}`}
          aria-pressed={fontStep.value === step}
          data-testid={`font-${step}`}
          onClick={() => setFontStep(step)}
        >
          {/* The visible letters start the accessible name (label in name), the words explain them. */}
          A{'+'.repeat(step)}
          <span class="sr-only"> {t(`guide.fontSize.${step}`)}</span>
        </button>
      ))}
    </div>
  );
}
