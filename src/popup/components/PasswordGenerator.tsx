import { useEffect, useRef, useState } from 'preact/hooks';
import {
  DEFAULT_PASSPHRASE_OPTIONS,
  MAX_PASSPHRASE_WORDS,
  MAX_SEPARATOR_LENGTH,
  MIN_PASSPHRASE_WORDS,
  type PassphraseOptions,
} from '@/src/vault/passphrase-options';
import {
  DEFAULT_PASSWORD_OPTIONS,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  generatePassword,
  type PasswordOptions,
} from '@/src/vault/password-generator';
import type { GeneratedKind } from '@/src/vault/generator-history';
import { t } from '../i18n';
import { loadPassphrases, loadedPassphrases, type PassphraseModule } from '../passphrases';
import { Checkbox } from './Checkbox';
import { ErrorAlert } from './Messages';
import { CopyButton } from './CopyButton';
import { RadioGroup } from './RadioGroup';
import { StrengthMeter } from './StrengthMeter';
import { TextField } from './TextField';

export interface PasswordGeneratorProps {
  /** In the editor: puts the value in the password field. Left out, the value is copied instead. */
  onUse?(password: string): void;
  onClose?(): void;
  /** Given each value copied or used, for the generator's history. */
  onKeep?(value: string, kind: GeneratedKind): void;
}

/**
 * Random passwords and EFF passphrases, with the strength of what is shown. A value copied or
 * used goes into the generator's history (kept encrypted in the vault); the values only looked
 * at while choosing the options do not.
 */
export function PasswordGenerator({ onUse, onClose, onKeep }: PasswordGeneratorProps) {
  const [kind, setKind] = useState<GeneratedKind>('password');
  const [options, setOptions] = useState<PasswordOptions>(DEFAULT_PASSWORD_OPTIONS);
  const [phrase, setPhrase] = useState<PassphraseOptions>(DEFAULT_PASSPHRASE_OPTIONS);
  /** What is shown, and of which kind it is (until a passphrase arrives, still the password). */
  const [shown, setShown] = useState(() => ({
    value: generatePassword(DEFAULT_PASSWORD_OPTIONS),
    kind: 'password' as GeneratedKind,
  }));
  const { value } = shown;
  /** Set when a passphrase was asked for and the wordlist's script could not be loaded. */
  const [failed, setFailed] = useState(false);
  // The wordlist is a script of its own, fetched as the generator opens (a passphrase is rarely
  // wanted before then); a passphrase asked for sooner shows once it is here.
  useEffect(() => void loadPassphrases().catch(() => undefined), []);
  /** Counts the values asked for: only the newest is shown. */
  const asked = useRef(0);
  const make = (k: GeneratedKind, o: PasswordOptions, p: PassphraseOptions) => {
    const ask = ++asked.current;
    setFailed(false);
    if (k === 'password') {
      setShown({ value: generatePassword(o), kind: 'password' });
      return;
    }
    const show = ({ generatePassphrase }: PassphraseModule) =>
      setShown({ value: generatePassphrase(p), kind: 'passphrase' });
    const loaded = loadedPassphrases();
    if (loaded) show(loaded);
    else {
      void loadPassphrases().then(
        (module) => ask === asked.current && show(module),
        // Not loaded (the extension was updated under the popup): the value shown stays what it
        // was, and the person is told rather than left waiting for a passphrase.
        () => ask === asked.current && setFailed(true),
      );
    }
  };
  const update = (next: {
    kind?: GeneratedKind;
    options?: PasswordOptions;
    phrase?: PassphraseOptions;
  }) => {
    const k = next.kind ?? kind;
    const o = next.options ?? options;
    const p = next.phrase ?? phrase;
    setKind(k);
    setOptions(o);
    setPhrase(p);
    make(k, o, p);
  };
  const inRange = (text: string, min: number, max: number) => {
    const n = Number(text);
    return Number.isInteger(n) && n >= min && n <= max ? n : null;
  };
  return (
    <fieldset class="generator">
      <legend>{t('generator')}</legend>
      <RadioGroup<GeneratedKind>
        label={t('generatorKind')}
        value={kind}
        onChange={(k) => update({ kind: k })}
        options={[
          { value: 'password', label: t('password') },
          { value: 'passphrase', label: t('passphrase') },
        ]}
      />
      <div class="generated-box">
        <output class="generated monospace" aria-label={t('generatedPassword')}>
          {value}
        </output>
        {!onUse && (
          <CopyButton
            what={t('generatedPassword').toLowerCase()}
            value={() => value}
            secret
            onCopied={() => onKeep?.(value, shown.kind)}
          />
        )}
      </div>
      <ErrorAlert message={failed ? t('errorInternal') : null} />
      <StrengthMeter password={value} />
      {kind === 'password' ? (
        <>
          <TextField
            label={t('length')}
            type="number"
            min={MIN_PASSWORD_LENGTH}
            max={MAX_PASSWORD_LENGTH}
            value={String(options.length)}
            onInput={(v) => {
              const length = inRange(v, MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH);
              if (length !== null) update({ options: { ...options, length } });
            }}
          />
          <Checkbox
            label="A-Z"
            checked={options.uppercase}
            onChange={(uppercase) => update({ options: { ...options, uppercase } })}
          />
          <Checkbox
            label="a-z"
            checked={options.lowercase}
            onChange={(lowercase) => update({ options: { ...options, lowercase } })}
          />
          <Checkbox
            label="0-9"
            checked={options.numbers}
            onChange={(numbers) => update({ options: { ...options, numbers } })}
          />
          <Checkbox
            label="!@#$%^&*"
            checked={options.special}
            onChange={(special) => update({ options: { ...options, special } })}
          />
          <Checkbox
            label={t('avoidAmbiguous')}
            checked={options.avoidAmbiguous}
            onChange={(avoidAmbiguous) => update({ options: { ...options, avoidAmbiguous } })}
          />
        </>
      ) : (
        <>
          <TextField
            label={t('numberOfWords')}
            type="number"
            min={MIN_PASSPHRASE_WORDS}
            max={MAX_PASSPHRASE_WORDS}
            value={String(phrase.words)}
            onInput={(v) => {
              const words = inRange(v, MIN_PASSPHRASE_WORDS, MAX_PASSPHRASE_WORDS);
              if (words !== null) update({ phrase: { ...phrase, words } });
            }}
          />
          <TextField
            label={t('wordSeparator')}
            value={phrase.separator}
            maxLength={MAX_SEPARATOR_LENGTH}
            onInput={(separator) => update({ phrase: { ...phrase, separator } })}
          />
          <Checkbox
            label={t('capitalize')}
            checked={phrase.capitalize}
            onChange={(capitalize) => update({ phrase: { ...phrase, capitalize } })}
          />
          <Checkbox
            label={t('includeNumber')}
            checked={phrase.includeNumber}
            onChange={(includeNumber) => update({ phrase: { ...phrase, includeNumber } })}
          />
        </>
      )}
      <div class="actions">
        {onClose && (
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
        )}
        <button type="button" onClick={() => make(kind, options, phrase)}>
          {t('regenerate')}
        </button>
        {onUse && (
          <button
            type="button"
            class="primary"
            onClick={() => {
              onKeep?.(value, shown.kind);
              onUse(value);
            }}
          >
            {t('usePassword')}
          </button>
        )}
      </div>
    </fieldset>
  );
}
