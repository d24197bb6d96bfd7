// The gateway's error body (apps/gateway/src/errors: `code`, `message` in the Accept-Language asked,
// `details` per field) turned into what a form shows: one message per field, beside it, and one for the form.

export interface ErrorDetail {
  field: string;
  code?: string;
  /** Absent on a domain refusal's details (`{ field, code }`): the body's message explains them. */
  message?: string;
}

export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: ErrorDetail[];
  requestId?: string;
}

export interface FormErrors {
  /** The message that concerns no field of the form (or the whole request). */
  form?: string;
  /** By the field's API path: `summary`, `land.villageCode`, `parties[0].sex`. */
  fields: Record<string, string>;
  code?: string;
}

export function isApiErrorBody(body: unknown): body is ApiErrorBody {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as ApiErrorBody).code === 'string' &&
    typeof (body as ApiErrorBody).message === 'string'
  );
}

/** `parties.0.sex` or `parties[0].sex` as `parties[0].sex`: the form's names use brackets. */
export function normalizeField(field: string): string {
  return field.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

/**
 * The form field a detail belongs to: the field itself when the form has it, else its nearest ancestor the
 * form has (`marks[0].partyId` beside `marks[0]`, `parties[3].name` beside `parties`), else none.
 */
export function placeField(field: string, knownFields?: readonly string[]): string | undefined {
  if (!knownFields) return field;
  for (let f = field; f; f = f.replace(/(\.[^.[\]]*|\[\d+\])$/, '')) {
    if (knownFields.includes(f)) return f;
    if (!/(\.[^.[\]]*|\[\d+\])$/.test(f)) break;
  }
  return undefined;
}

/**
 * The form's errors from an answer's body. Details whose field the form knows (`knownFields`, when given;
 * or its nearest known ancestor) go beside it; the others join the form-level message, so nothing the
 * server said is lost. A detail without a message of its own (a domain refusal: `DATE_IN_FUTURE` on
 * `filedOn`) gets the body's message, which is the one that explains it.
 */
export function toFormErrors(body: unknown, fallback: string, knownFields?: readonly string[]): FormErrors {
  if (!isApiErrorBody(body)) return { form: fallback, fields: {} };
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const d of body.details ?? []) {
    const message = d.message || body.message;
    const f = placeField(normalizeField(d.field), knownFields);
    if (f === undefined) {
      if (message !== body.message) unplaced.push(message);
    } else if (!fields[f]?.includes(message)) fields[f] = fields[f] ? `${fields[f]} ${message}` : message;
  }
  // The general message stays on top of the form ("fix the fields listed"), with what has no field.
  return { form: [body.message, ...unplaced].join(' '), fields, code: body.code };
}
