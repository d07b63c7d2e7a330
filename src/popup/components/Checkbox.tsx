import { useId } from 'preact/hooks';

export interface CheckboxProps {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  description?: string;
}

export function Checkbox(props: CheckboxProps) {
  const id = useId();
  return (
    <div class="checkbox">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
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
