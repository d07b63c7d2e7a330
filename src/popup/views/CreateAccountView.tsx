import { useState } from 'preact/hooks';
import { ACCOUNT_KDF_BOUNDS } from '@/src/crypto/kdf-bounds';
import { DEFAULT_ARGON2ID, DEFAULT_PBKDF2, type KdfConfig } from '@/src/crypto/kdf-config';
import type { VaultStatus } from '@/src/protocol/vault-api';
import { MIN_MASTER_PASSWORD_LENGTH } from '@/src/vault/policy';
import { inputError } from '../error-text';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import { t } from '../i18n';
import { useAsyncAction } from '../hooks/use-async-action';
import { useVaultClient } from '../vault-client-context';

export interface CreateAccountViewProps {
  onCreated(status: VaultStatus): void;
}

/** First run: an email, a master password (twice), an optional hint, and the KDF. */
export function CreateAccountView({ onCreated }: CreateAccountViewProps) {
  const client = useVaultClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [hint, setHint] = useState('');
  const [algorithm, setAlgorithm] = useState<KdfConfig['type']>('pbkdf2');
  const [iterations, setIterations] = useState(String(DEFAULT_PBKDF2.iterations));
  const [memory, setMemory] = useState('64');
  const [parallelism, setParallelism] = useState('4');

  const action = useAsyncAction(async () => {
    if ([...password].length < MIN_MASTER_PASSWORD_LENGTH)
      throw inputError('masterPasswordTooShort', MIN_MASTER_PASSWORD_LENGTH);
    if (password !== confirm) throw inputError('masterPasswordsDiffer');
    const kdf: KdfConfig =
      algorithm === 'pbkdf2'
        ? { type: 'pbkdf2', iterations: Number(iterations) }
        : {
            type: 'argon2id',
            iterations: Number(iterations),
            memoryMiB: Number(memory),
            parallelism: Number(parallelism),
          };
    const status = await client.createAccount({
      email,
      masterPassword: password,
      masterPasswordHint: hint || null,
      kdf,
    });
    setPassword('');
    setConfirm('');
    onCreated(status);
  });

  const chooseAlgorithm = (value: KdfConfig['type']) => {
    setAlgorithm(value);
    setIterations(
      String(value === 'pbkdf2' ? DEFAULT_PBKDF2.iterations : DEFAULT_ARGON2ID.iterations),
    );
  };

  return (
    <section aria-labelledby="create-title" class="view">
      <h1 id="create-title">{t('firstRunTitle')}</h1>
      <p>{t('firstRunIntro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run();
        }}
      >
        <TextField
          label={t('emailAddress')}
          type="email"
          value={email}
          onInput={setEmail}
          required
          autoComplete="email"
          autoFocus
        />
        <TextField
          label={t('masterPassword')}
          type="password"
          value={password}
          onInput={setPassword}
          required
          autoComplete="new-password"
          description={t('masterPasswordDescription', MIN_MASTER_PASSWORD_LENGTH)}
        />
        <TextField
          label={t('confirmMasterPassword')}
          type="password"
          value={confirm}
          onInput={setConfirm}
          required
          autoComplete="new-password"
        />
        <TextField
          label={t('masterPasswordHint')}
          value={hint}
          onInput={setHint}
          description={t('masterPasswordHintDescription')}
        />
        <SelectField
          label={t('kdfAlgorithm')}
          value={algorithm}
          onChange={chooseAlgorithm}
          options={[
            { value: 'pbkdf2', label: 'PBKDF2 SHA-256' },
            { value: 'argon2id', label: 'Argon2id' },
          ]}
        />
        <details class="advanced">
          <summary>{t('advanced')}</summary>
          <TextField
            label={t('kdfIterations')}
            type="number"
            value={iterations}
            onInput={setIterations}
            min={1}
          />
          {algorithm === 'argon2id' && (
            <>
              <TextField
                label={t('kdfMemory')}
                type="number"
                value={memory}
                onInput={setMemory}
                min={ACCOUNT_KDF_BOUNDS.argon2MemoryMiB[0]}
                max={ACCOUNT_KDF_BOUNDS.argon2MemoryMiB[1]}
              />
              <TextField
                label={t('kdfParallelism')}
                type="number"
                value={parallelism}
                onInput={setParallelism}
                min={ACCOUNT_KDF_BOUNDS.argon2Parallelism[0]}
                max={ACCOUNT_KDF_BOUNDS.argon2Parallelism[1]}
              />
            </>
          )}
        </details>
        <ErrorAlert message={action.error} />
        {action.pending && <StatusMessage message={t('creatingAccount')} />}
        <div class="actions">
          <button type="submit" class="primary" disabled={action.pending}>
            {t('createAccount')}
          </button>
        </div>
      </form>
    </section>
  );
}
