import { useId, useState } from 'preact/hooks';
import { t } from '../i18n';
import { Icon } from './Icon';

export interface TextFieldProps {
  label: string;
  value: string;
  onInput(value: string): void;
  type?: 'text' | 'email' | 'search' | 'url' | 'number' | 'password' | 'date';
  /** A password field gets a show/hide button and is never spell-checked. */
  multiline?: boolean;
  rows?: number;
  autoComplete?: string;
  required?: boolean;
  autoFocus?: boolean;
  readOnly?: boolean;
  description?: string;
  min?: number;
  max?: number;
  maxLength?: number;
  /** The keyboard shortcut that reaches the field (`aria-keyshortcuts`), where it has one. */
  keyShortcuts?: string;
  /** Extra controls after the input (copy, generate, …). */
  actions?: preact.ComponentChildren;
  class?: string;
}

/** A labelled input: every control has a real <label>, as ui.md requires. */
export function TextField(props: TextFieldProps) {
  const id = useId();
  const descriptionId = `${id}-description`;
  const [revealed, setRevealed] = useState(false);
  const isPassword = props.type === 'password';
  const common = {
    id,
    value: props.value,
    required: props.required,
    autoFocus: props.autoFocus,
    readOnly: props.readOnly,
    autoComplete: props.autoComplete ?? 'off',
    spellcheck: !isPassword,
    'aria-describedby': props.description ? descriptionId : undefined,
    'aria-keyshortcuts': props.keyShortcuts,
    onInput: (e: preact.TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      props.onInput(e.currentTarget.value),
  };
  return (
    <div class={`field ${props.class ?? ''}`}>
      <label for={id}>{props.label}</label>
      <div class="field-row">
        {props.multiline ? (
          <textarea {...common} rows={props.rows ?? 4} />
        ) : (
          <input
            {...common}
            // Preact's types narrow attributes per input type; this one input serves several.
            type={(isPassword && revealed ? 'text' : (props.type ?? 'text')) as 'text'}
            min={props.min}
            max={props.max}
            maxLength={props.maxLength}
            class={isPassword ? 'monospace' : undefined}
          />
        )}
        {isPassword && (
          <button
            type="button"
            class="icon-button"
            aria-pressed={revealed}
            aria-controls={id}
            // "Show"/"Hide" alone: a name containing the field's label would make the label
            // ambiguous for people and tests finding the field by it.
            aria-label={revealed ? t('hide') : t('show')}
            title={revealed ? t('hide') : t('show')}
            onClick={() => setRevealed(!revealed)}
          >
            <Icon name={revealed ? 'eyeOff' : 'eye'} />
          </button>
        )}
        {props.actions}
      </div>
      {props.description && (
        <p id={descriptionId} class="hint">
          {props.description}
        </p>
      )}
    </div>
  );
}
