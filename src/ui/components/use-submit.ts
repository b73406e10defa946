// One submit flow for every form: busy while the action's promise is pending, its failure turned
// into a sentence plus field errors, focus moved to the first invalid field. The caller says
// "已保存" only in `onDone`, i.e. after the write transaction committed.

import { useRef, useState } from 'preact/hooks';
import type { FieldErrors } from '../../shared/validation.ts';
import { describeFailure, focusFirstInvalid, type FormFailure } from './errors.ts';

export interface Submit {
  busy: boolean;
  failure: FormFailure | null;
  fields: FieldErrors;
  formRef: { current: HTMLFormElement | null };
  run: (action: () => Promise<void>) => Promise<void>;
  /** Shows field errors found before calling the action (e.g. a bad 身份证号 typed locally). */
  fail: (failure: FormFailure) => void;
  /** Drops the errors of fields the user has since edited ("parties.0" also drops "parties.0.name"). */
  dismiss: (paths: string[]) => void;
}

export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const formRef = useRef<HTMLFormElement | null>(null);

  const fail = (f: FormFailure) => {
    setFailure(f);
    focusFirstInvalid(formRef.current);
  };

  const run = async (action: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await action();
    } catch (error) {
      fail(describeFailure(error));
    } finally {
      setBusy(false);
    }
  };

  const dismiss = (paths: string[]) =>
    setFailure((f) => {
      if (!f) return f;
      const keys = Object.keys(f.fields);
      const kept = keys.filter((k) => !paths.some((p) => k === p || k.startsWith(`${p}.`)));
      if (kept.length === keys.length) return f;
      // Once every field error is fixed, the sentence that pointed at them goes too.
      return kept.length === 0 ? null : { ...f, fields: Object.fromEntries(kept.map((k) => [k, f.fields[k]!])) };
    });

  return { busy, failure, fields: failure?.fields ?? {}, formRef, run, fail, dismiss };
}
