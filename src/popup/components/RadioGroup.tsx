import { useId } from 'preact/hooks';

export interface RadioGroupProps<V extends string> {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange(value: V): void;
}

/** Native radios in a fieldset whose legend names the group (role "radiogroup", ui.md). */
export function RadioGroup<V extends string>({
  label,
  value,
  options,
  onChange,
}: RadioGroupProps<V>) {
  const name = useId();
  return (
    <fieldset role="radiogroup" class="radio-group">
      <legend>{label}</legend>
      {options.map((option) => (
        <label key={option.value} class="radio">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
