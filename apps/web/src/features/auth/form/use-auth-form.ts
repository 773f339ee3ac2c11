import { type ChangeEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/keys';
import type { AuthService } from '../auth-service';

/** Runs one submit at a time and keeps its failure for display. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}

/** A ref for the element that takes focus whenever `when` turns true: the next step starts where the rider types. */
export function useFocusWhen<T extends HTMLElement>(when: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (when) ref.current?.focus();
  }, [when]);
  return ref;
}

/**
 * The auth forms' kit: each field's value and error, one submit at a time with its failure, and
 * focus on the first field to fix, so keyboard users land where the problem is. The Cognito
 * library starts loading when the rider first focuses the form: they still have to type, so it
 * arrives before the submit, and it does not compete with the page's first paint.
 */
export function useAuthForm<Field extends string>(auth: AuthService, initial: () => Record<Field, string>) {
  const { t } = useI18n();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const { busy, error, run } = useSubmit();
  const ref = useRef<HTMLFormElement>(null);
  const preloaded = useRef(false);

  useEffect(() => {
    if (Object.keys(errors).length > 0) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const preload = useCallback(() => {
    if (preloaded.current) return;
    preloaded.current = true;
    auth.preload?.();
  }, [auth]);

  /** Shows each field's problem (or none) in place of the last ones; true when there is none. */
  const check = (problems: Partial<Record<Field, MessageKey | undefined>>): boolean => {
    const found: Partial<Record<Field, string>> = {};
    for (const [name, problem] of Object.entries(problems) as [Field, MessageKey | undefined][]) {
      if (problem) found[name] = t(problem);
    }
    setErrors(found);
    return Object.keys(found).length === 0;
  };

  return {
    values,
    busy,
    error,
    run,
    check,
    /** A submit (or button) handler: checks the fields, then runs `action` if none has a problem. */
    submit:
      (problems: () => Partial<Record<Field, MessageKey | undefined>>, action: () => Promise<void>) =>
      (event?: { preventDefault(): void }) => {
        event?.preventDefault();
        if (check(problems())) void run(action);
      },
    /** What a TextField needs: the value, its change handler and its error. */
    field: (name: Field) => ({
      value: values[name],
      onChange: (event: ChangeEvent<HTMLInputElement>) => {
        const { value } = event.target;
        setValues((current) => ({ ...current, [name]: value }));
      },
      error: errors[name],
    }),
    /** Empties these fields and clears every error: a fresh start. */
    reset: (...names: Field[]) => {
      setValues((current) => ({ ...current, ...Object.fromEntries(names.map((name) => [name, ''])) }));
      setErrors({});
    },
    /** For the <form> element. */
    props: { ref, onFocus: preload, noValidate: true },
  };
}
