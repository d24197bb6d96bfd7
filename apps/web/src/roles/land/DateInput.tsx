import { useState } from 'preact/hooks';
import { formatDate, parseDate } from '../../i18n/format';

/**
 * A date typed as people write it here, dd/mm/yyyy, whatever the browser's language (a browser's own date
 * input follows its locale: an English laptop shows mm/dd/yyyy). `onChange` gets the API's `YYYY-MM-DD`,
 * or the text as typed when it is not a date (the server then says why, beside the field).
 */
export function DateInput(props: { id: string; name: string; value: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(() =>
    /^\d{4}-\d{2}-\d{2}$/.test(props.value) ? formatDate(props.value) : props.value,
  );
  return (
    <input
      id={props.id}
      name={props.name}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="jj/mm/aaaa"
      value={text}
      onInput={(e) => {
        const t = e.currentTarget.value;
        setText(t);
        props.onChange(parseDate(t) ?? t.trim());
      }}
    />
  );
}
