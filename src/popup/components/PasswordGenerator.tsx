import { useState } from 'preact/hooks';
import {
  DEFAULT_PASSWORD_OPTIONS,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  generatePassword,
  type PasswordOptions,
} from '@/src/vault/password-generator';
import { t } from '../i18n';
import { Checkbox } from './Checkbox';
import { TextField } from './TextField';

export interface PasswordGeneratorProps {
  onUse(password: string): void;
  onClose(): void;
}

export function PasswordGenerator({ onUse, onClose }: PasswordGeneratorProps) {
  const [options, setOptions] = useState<PasswordOptions>(DEFAULT_PASSWORD_OPTIONS);
  const [password, setPassword] = useState(() => generatePassword(DEFAULT_PASSWORD_OPTIONS));
  const update = (change: Partial<PasswordOptions>) => {
    const next = { ...options, ...change };
    setOptions(next);
    setPassword(generatePassword(next));
  };
  return (
    <fieldset class="generator">
      <legend>{t('passwordGenerator')}</legend>
      <output class="generated monospace" aria-label={t('generatedPassword')}>
        {password}
      </output>
      <TextField
        label={t('length')}
        type="number"
        min={MIN_PASSWORD_LENGTH}
        max={MAX_PASSWORD_LENGTH}
        value={String(options.length)}
        onInput={(v) => {
          const length = Number(v);
          if (
            Number.isFinite(length) &&
            length >= MIN_PASSWORD_LENGTH &&
            length <= MAX_PASSWORD_LENGTH
          )
            update({ length });
        }}
      />
      <Checkbox
        label="A-Z"
        checked={options.uppercase}
        onChange={(uppercase) => update({ uppercase })}
      />
      <Checkbox
        label="a-z"
        checked={options.lowercase}
        onChange={(lowercase) => update({ lowercase })}
      />
      <Checkbox label="0-9" checked={options.numbers} onChange={(numbers) => update({ numbers })} />
      <Checkbox
        label="!@#$%^&*"
        checked={options.special}
        onChange={(special) => update({ special })}
      />
      <Checkbox
        label={t('avoidAmbiguous')}
        checked={options.avoidAmbiguous}
        onChange={(avoidAmbiguous) => update({ avoidAmbiguous })}
      />
      <div class="actions">
        <button type="button" onClick={onClose}>
          {t('cancel')}
        </button>
        <button type="button" onClick={() => setPassword(generatePassword(options))}>
          {t('regenerate')}
        </button>
        <button type="button" class="primary" onClick={() => onUse(password)}>
          {t('usePassword')}
        </button>
      </div>
    </fieldset>
  );
}
