import type { ComponentChildren } from 'preact';
import type { FormErrors } from '../api/errors';

/**
 * A labelled form field with the server's message for it beneath (by the field's API path, as the
 * gateway names it in `details`: `summary`, `land.villageCode`, `parties[0].sex`).
 */
export function Field(props: {
  label: string;
  name: string;
  errors?: FormErrors;
  children: ComponentChildren;
}) {
  const error = props.errors?.fields[props.name];
  const id = `f-${props.name.replace(/[^\w-]/g, '_')}`;
  return (
    <div class={error ? 'field field-error' : 'field'} data-field={props.name}>
      <label for={id}>{props.label}</label>
      {props.children}
      {error && (
        <p class="error" role="alert" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The id Field gives its input (use it as the input's `id`). */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^\w-]/g, '_')}`;
}

/** The form-level message (what concerns no field, or the whole request). */
export function FormError(props: { errors?: FormErrors }) {
  if (!props.errors?.form) return null;
  return (
    <p class="error form-error" role="alert">
      {props.errors.form}
    </p>
  );
}
