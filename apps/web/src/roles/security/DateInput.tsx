import { fieldId } from '../../ui/Field';

/**
 * A date as the person writes it, `jj/mm/aaaa` (the native date picker shows the phone's format, which may
 * be the American one): the form keeps the text and turns it into the API's date with `parseDate` when it
 * is saved (`apiDate` of rules.ts says when it is not a real date).
 */
export function DateInput(props: {
  name: string;
  value: string;
  onInput: (text: string) => void;
  idPrefix?: string;
}) {
  return (
    <input
      id={fieldId(props.idPrefix ? `${props.idPrefix}.${props.name}` : props.name)}
      name={props.name}
      type="text"
      inputMode="numeric"
      placeholder="jj/mm/aaaa"
      autocomplete="off"
      maxLength={10}
      value={props.value}
      onInput={(e) => props.onInput(e.currentTarget.value)}
    />
  );
}
