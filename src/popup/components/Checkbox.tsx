import { useId } from 'preact/hooks';

export interface CheckboxProps {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  description?: string;
  /** Shown but not changeable, e.g. while the setting it refines is off. */
  disabled?: boolean;
}

export function Checkbox(props: CheckboxProps) {
  const id = useId();
  return (
    <div class="checkbox">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
        aria-describedby={props.description ? `${id}-description` : undefined}
      />
      <label for={id}>{props.label}</label>
      {props.description && (
        <span id={`${id}-description`} class="hint">
          {props.description}
        </span>
      )}
    </div>
  );
}
