import { type InputHTMLAttributes, useId } from 'react';

/** An input with its visible label, tied together for assistive technology. */
export function TextField({
  label,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} {...input} />
    </div>
  );
}
