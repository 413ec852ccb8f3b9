import { Alert, Stack } from '@mantine/core';
import { type FormErrors, type UseFormReturnType, useForm } from '@mantine/form';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { useI18n } from '../i18n/i18n';
import { DialogFooter } from './Dialog';
import { describeError } from './errors';
import { type FieldOf, serverFieldErrors, validateAsBody } from './forms';
import { LeaveGuard } from './LeaveGuard';
import { useMutation } from './mutation';

type Values = Record<string, unknown>;

export type DialogFormOptions<V extends Values, S extends z.ZodType, R> = {
  initialValues: V;
  /** The server's body schema: the browser validates with it, the request is its parse. */
  schema: S;
  /** Form values → request body, when they differ (euros → cents, '' → nothing). */
  toBody?: (values: V) => unknown;
  /** Body path → form field, where they differ (`unitCostCents` → `unitCostEuros`). */
  fieldOf?: FieldOf;
  /** Server error codes shown under a field instead of above the form (`users.email_taken` → `email`). */
  errorFields?: Record<string, string>;
  /** The form's own rules beyond the schema, adding to `errors`. */
  check?: (values: V, errors: FormErrors) => void;
  /** Fields checked as soon as they lose focus (a lot number too long), not only on submit. */
  validateOnBlur?: (keyof V & string)[];
  submit: (body: z.output<S>, values: V) => Promise<R>;
  onSuccess?: (result: R, values: V) => unknown;
  onError?: (error: unknown) => unknown;
};

export type DialogFormState<V extends Values> = {
  form: UseFormReturnType<V>;
  pending: boolean;
  /** The last failure that belongs to no field, shown above the form. */
  error: unknown;
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  /** How many times a submit was refused (by the form's rules or the server): each one moves focus to the error. */
  refusals: number;
  /** Typed values not yet saved: changed from the opening values, no save running or done since. */
  unsaved: () => boolean;
};

/**
 * A dialog's form: Mantine form state validated by the server's zod schema (plain sentences,
 * shared/validation.ts), the request as a TanStack mutation, and the server's refusal put on
 * the field it is about, else above the form. Render it with <DialogForm>.
 */
export function useDialogForm<V extends Values, S extends z.ZodType, R>(
  options: DialogFormOptions<V, S, R>,
): DialogFormState<V> {
  const { t } = useI18n();
  const { schema, toBody = (values: V) => values, fieldOf, errorFields, check } = options;
  const [refusals, setRefusals] = useState(0);
  const validateBody = validateAsBody(schema, t, toBody, fieldOf);
  const formRef = useRef<UseFormReturnType<V> | null>(null);
  // Saved: what was typed is on the server, even while the dialog closes or the page moves on.
  const savedRef = useRef(false);
  const form = useForm<V>({
    mode: 'controlled',
    initialValues: options.initialValues,
    validateInputOnBlur: options.validateOnBlur,
    // Mantine clears the error of the input typed in; an error on a group (the server's « these
    // doses » under `doses`, typed in at `doses.evening`) must go as soon as the group changes too.
    onValuesChange: (values, previous) => {
      savedRef.current = false;
      const current = formRef.current;
      if (!current) return;
      for (const path of changedErrorPaths(current.errors, values, previous)) current.clearFieldError(path);
    },
    validate: (values) => {
      const errors = validateBody(values);
      check?.(values, errors);
      return errors;
    },
  });
  formRef.current = form;
  const save = useMutation({
    mutationFn: (values: V) => options.submit(schema.parse(toBody(values)) as z.output<S>, values),
    onSuccess: (result, values) => {
      savedRef.current = true;
      return options.onSuccess?.(result, values);
    },
    onError: (error) => {
      const onFields = serverFieldErrors(error, t, errorFields, fieldOf);
      if (Object.keys(onFields).length > 0) form.setErrors(onFields);
      setRefusals((n) => n + 1);
      return options.onError?.(error);
    },
  });
  const onAField = Object.keys(serverFieldErrors(save.error, t, errorFields, fieldOf)).length > 0;
  return {
    form,
    pending: save.isPending,
    error: onAField ? null : save.error,
    refusals,
    unsaved: () => form.isDirty() && !save.isPending && !savedRef.current,
    // The submit button is disabled while the request runs; Enter in a field must not send it again either.
    onSubmit: form.onSubmit(
      (values) => {
        if (!save.isPending) save.mutate(values);
      },
      // The server's last refusal was about other values: it must not stay beside the new errors.
      () => {
        if (!save.isPending) save.reset();
        setRefusals((n) => n + 1);
      },
    ),
  };
}

/**
 * The body of a form dialog: the error that belongs to no field, the fields, and the
 * cancel / submit footer (the submit button spins while the request runs).
 */
export function DialogForm<V extends Values>({
  dialog,
  submitLabel,
  submitColor,
  onCancel,
  cancelLabel,
  autoFocusSubmit,
  children,
}: {
  dialog: DialogFormState<V>;
  submitLabel: string;
  submitColor?: string;
  onCancel: () => void;
  /** The cancel button's text, « Annuler » unless said. */
  cancelLabel?: string;
  /** Focus the submit button on opening (a form whose fields are already filled in). */
  autoFocusSubmit?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  // A refused submit puts focus on what to correct: the error above the form or the first field in
  // error (a screen reader reads it with its message), else back on the submit button. Without it
  // focus fell to the page behind the dialog while the button spun (found with the keyboard).
  useEffect(() => {
    if (dialog.refusals === 0) return;
    const frame = requestAnimationFrame(() => {
      const form = formRef.current;
      const target =
        form?.querySelector<HTMLElement>('[data-form-error], [aria-invalid="true"], input[data-invalid]') ??
        form?.querySelector<HTMLElement>('button[type="submit"]');
      target?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [dialog.refusals]);
  return (
    <form ref={formRef} onSubmit={dialog.onSubmit} noValidate>
      <LeaveGuard unsaved={dialog.unsaved} />
      <Stack>
        {dialog.error ? (
          <Alert color="red" role="alert" tabIndex={-1} data-form-error>
            {describeError(t, dialog.error)}
          </Alert>
        ) : null}
        {children}
        <DialogFooter
          onCancel={onCancel}
          cancelLabel={cancelLabel}
          confirmLabel={submitLabel}
          confirmColor={submitColor}
          pending={dialog.pending}
          submit
          autoFocusConfirm={autoFocusSubmit}
        />
      </Stack>
    </form>
  );
}

/** The paths of `errors` whose value differs between `values` and `previous` (dotted paths). */
export function changedErrorPaths(errors: FormErrors, values: Values, previous: Values): string[] {
  const at = (root: unknown, path: string) =>
    path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);
  return Object.keys(errors).filter((path) => JSON.stringify(at(values, path)) !== JSON.stringify(at(previous, path)));
}
