// 卷宗情况说明 on the document list: the paragraphs written so far (each can be corrected) and a
// box for a new one. A paragraph is a note event of the case (state/documents.ts saveExplanation),
// so it is saved on the phone at once, syncs later and never overwrites another phone's paragraph.

import { useState } from 'preact/hooks';
import type { CaseRecords } from '../../shared/documents/events.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { DomainError } from '../../state/errors.ts';
import { EXPLANATION_MAX, saveExplanation } from '../../state/documents.ts';
import { showFlash } from '../../state/flash.ts';
import { TextField } from '../components/fields.tsx';
import { formatInstant } from '../format.ts';

type Paragraph = CaseRecords['explanations'][number];

export function ExplanationEditor(p: { caseId: string; paragraphs: readonly Paragraph[]; canEdit: boolean }) {
  // undefined: writing a new paragraph; an id: correcting that one.
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [text, setText] = useState('');
  const [error, setError] = useState<MessageKey | undefined>(undefined);
  const [isBusy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await saveExplanation(p.caseId, text, editing);
      setText('');
      setEditing(undefined);
      showFlash(t('docs.explanation.saved'));
    } catch (e) {
      if (e instanceof DomainError) setError(e.code);
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  const edit = (paragraph: Paragraph) => {
    setEditing(paragraph.id);
    setText(paragraph.text);
    setError(undefined);
  };
  const cancel = () => {
    setEditing(undefined);
    setText('');
    setError(undefined);
  };

  return (
    <section id="explanation" class="docs-explanation" aria-labelledby="explanation-h" data-testid="explanation">
      <h2 id="explanation-h">{t('docs.explanation.title')}</h2>
      <p class="muted small">{t('docs.explanation.intro')}</p>
      {p.paragraphs.length === 0 ? (
        <p class="muted small">{t('docs.explanation.none')}</p>
      ) : (
        <ol class="docs-explanation-list">
          {p.paragraphs.map((paragraph) => (
            <li key={paragraph.id} data-testid="explanation-paragraph">
              <p>{paragraph.text}</p>
              <p class="muted small">
                {formatInstant(paragraph.at)}
                {p.canEdit && editing !== paragraph.id && (
                  <> <button type="button" class="button small-button" onClick={() => edit(paragraph)}>{t('docs.explanation.edit')}</button></>
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
      {p.canEdit && (
        <form
          class="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <TextField
            id="explanation-text" rows={4} maxLength={EXPLANATION_MAX}
            label={t(editing ? 'docs.explanation.edit' : 'docs.explanation.label')}
            value={text} error={error} onInput={setText}
          />
          <div class="docs-explanation-actions">
            <button type="submit" class="button primary" disabled={isBusy} data-testid="explanation-save">{t('docs.explanation.save')}</button>
            {editing && <button type="button" class="button" onClick={cancel}>{t('docs.explanation.cancel')}</button>}
          </div>
        </form>
      )}
    </section>
  );
}
