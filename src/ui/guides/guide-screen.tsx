// /guides/:slug — one guide, made for reading on a 360 px phone: one h1, an h2 per section, law
// quotes as block quotes, time limits marked and listed under the summary, a font-size switch,
// 分享, and the way to 申请调解. The text is bundled with the app, so it opens offline.

import { Fragment } from 'preact';
import { useMemo } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { t } from '../../shared/i18n/index.ts';
import { fontStep, guideBySlug, type Guide } from '../../state/guides.ts';
import { deadlinesOf, renderGuideSection } from './guide-html.ts';
import { HelpCallout } from './guide-list.tsx';
import { FontSizeSwitch } from './font-size-switch.tsx';
import { SharePanel } from './share-panel.tsx';
import { useTitle } from './use-title.ts';
import './guides.css';

const WHERE_TO_GO = '去哪里办';

export function GuideScreen() {
  const { params } = useRoute();
  const guide = guideBySlug(params.slug ?? '');
  useTitle(guide?.title ?? t('guide.notFound'));
  return guide ? <GuideArticle key={guide.slug} guide={guide} /> : <GuideNotFound />;
}

function GuideArticle({ guide }: { guide: Guide }) {
  const sections = useMemo(
    () => guide.sections.map((s, i) => ({ id: `s${i + 1}`, heading: s.heading, html: renderGuideSection(s.markdown), deadlines: deadlinesOf(s.markdown) })),
    [guide],
  );
  // Each time limit links to the first section that explains it, and is labelled with its heading:
  // "3年" alone says nothing about what must be done within it.
  const deadlines = new Map<string, { id: string; heading: string }>();
  for (const s of sections) for (const d of s.deadlines) if (!deadlines.has(d)) deadlines.set(d, { id: s.id, heading: s.heading });
  // 申请调解 belongs right after "where to go"; a guide without that section gets it at the end.
  const ctaAfter = (sections.find((s) => s.heading === WHERE_TO_GO) ?? sections.at(-1))?.id;

  return (
    <article class={`guide font-${fontStep.value}`} lang="zh-CN" data-testid="guide">
      <a class="back" href="/guides">‹ {t('guide.back')}</a>
      <h1>{guide.title}</h1>
      <p class="guide-summary">{guide.summary}</p>
      {deadlines.size > 0 && (
        <p class="guide-deadlines" data-testid="guide-deadlines">
          <span>{t('guide.deadlines')}</span>
          {[...deadlines].map(([d, where]) => (
            <a key={d} class="deadline" href={`#${where.id}`} aria-label={t('guide.deadline.label', { limit: d, section: where.heading })}>
              <strong>{d}</strong>
              <span class="deadline-where">{where.heading}</span>
            </a>
          ))}
        </p>
      )}
      <div class="guide-tools" role="group" aria-label={t('guide.tools')}>
        <FontSizeSwitch />
        <SharePanel title={guide.title} text={guide.summary} path={`/guides/${guide.slug}`} />
      </div>
      {sections.map((s) => (
        <Fragment key={s.id}>
          <section class="guide-section" aria-labelledby={s.id}>
            <h2 id={s.id} tabIndex={-1}>{s.heading}</h2>
            <div class="guide-prose" dangerouslySetInnerHTML={{ __html: s.html }} />
          </section>
          {s.id === ctaAfter && <HelpCallout title={t('guide.cta.title')} body={t('guide.cta.body')} />}
        </Fragment>
      ))}
      <p class="guide-updated">{t('guide.updated', { date: guide.updatedText })}</p>
    </article>
  );
}

function GuideNotFound() {
  return (
    <section class="guides">
      <h1>{t('guide.notFound')}</h1>
      <p>{t('guide.notFound.body')}</p>
      <p><a class="button" href="/guides">{t('guide.back')}</a></p>
    </section>
  );
}
