/**
 * Bitwarden's real exporter, offline (toolchain.md §7): an SDK client unlocked with a known
 * account, the vault encrypted by the SDK itself, then `exporters().export_vault` as Bitwarden's
 * clients call it.
 */
import { ManagedSettingsClient, PasswordManagerClient, PureCrypto } from '@bitwarden/sdk-internal';
import type { SdkKdf } from '../helpers/fixtures';

type ExportFormat = 'Json' | 'Csv' | { EncryptedJson: { password: string } };

export interface SdkVault {
  export(format: ExportFormat): Promise<string>;
}

export async function prepareSdkVault(
  views: Record<string, unknown>[],
  folders: { id: string; name: string; revisionDate: string }[],
  kdf: SdkKdf,
): Promise<SdkVault> {
  const email = 'bench@example.com';
  const password = 'bench master password';
  const userKey = PureCrypto.make_user_key_aes256_cbc_hmac();
  const masterKeyWrappedUserKey = PureCrypto.encrypt_user_key_with_master_password(
    userKey,
    password,
    email,
    kdf as never,
  );
  const privateKey = PureCrypto.wrap_decapsulation_key(PureCrypto.rsa_generate_keypair(), userKey);
  const client = new PasswordManagerClient(
    {
      async get_access_token() {
        return undefined;
      },
    } as never,
    { deviceType: 'SDK' } as never,
    new ManagedSettingsClient(),
  );
  const userId = crypto.randomUUID();
  await client.crypto().initialize_user_crypto({
    userId,
    kdfParams: kdf as never,
    email,
    accountCryptographicState: { V1: { private_key: privateKey } },
    method: {
      masterPasswordUnlock: {
        password,
        master_password_unlock: { kdf: kdf as never, masterKeyWrappedUserKey, salt: email },
      },
    },
  } as never);
  const sdkFolders = folders.map((f) =>
    client
      .vault()
      .folders()
      .encrypt(f as never),
  );
  const contexts = await client
    .vault()
    .ciphers()
    .encrypt_list(views as never);
  const ciphers = contexts.map((c) => c.cipher);
  return {
    export: (format) => client.exporters().export_vault(sdkFolders, ciphers, format as never),
  };
}
