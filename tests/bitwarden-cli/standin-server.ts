/**
 * A stand-in for Bitwarden's server, just enough for Bitwarden's CLI to log in with a master
 * password, sync, export and import: HTTPS on 127.0.0.1 with a throwaway certificate, one account,
 * one vault it serves encrypted and keeps whatever the CLI imports into it. Requests it does not
 * know are answered 404 and listed in `unknownRequests`, which is how a new CLI version shows
 * what else it wants (README, "Bitwarden's CLI as a second judge").
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { StandinAccount } from './standin-account';
import {
  encryptFolders,
  encryptItem,
  type JsonObject,
  type PlainExport,
  type VaultEncryptionOptions,
} from './standin-vault';
import { makeSelfSignedCertificate } from './tls-certificate';

/** What the CLI posted to /api/ciphers/import, as it sent it (EncStrings under the user key). */
export interface ImportRequest {
  ciphers: JsonObject[];
  folders: JsonObject[];
  folderRelationships: { key: number; value: number }[];
}

export interface Standin {
  /** `https://127.0.0.1:<port>`, for `bw config server`. */
  url: string;
  /** The certificate the CLI must trust: pass it as NODE_EXTRA_CA_CERTS. */
  caCertPath: string;
  /** Every import request, in order. */
  imports: ImportRequest[];
  /** `METHOD /path` of every request, in order. */
  requests: string[];
  /** Requests the stand-in had no answer for (404). */
  unknownRequests: string[];
  /** The vault as /api/sync serves it now: what it started with plus what was imported. */
  vault: { folders: JsonObject[]; ciphers: JsonObject[] };
  stop(): Promise<void>;
}

/** Bitwarden's KdfType enum. */
const KDF_PBKDF2_SHA256 = 0;
const TOKEN_LIFETIME_SECONDS = 3600;
/** Reported as the server's version; the CLI turns some features on from a minimum version. */
const SERVER_VERSION = '2026.9.0';

/** An answer: 200 with JSON, 200 with no body, or an error status with JSON. */
type Answer = { json: unknown } | { empty: true } | { status: number; json: unknown };
type Handler = (body: string) => Answer;

export interface StandinOptions extends VaultEncryptionOptions {
  /**
   * The feature flags /api/config hands the CLI (none by default, so the CLI's own defaults).
   * `enableCipherKeyEncryption: true` has it give every item it encrypts a key of its own.
   */
  featureStates?: Record<string, boolean>;
}

export async function startStandin(
  account: StandinAccount,
  plain: PlainExport,
  options: StandinOptions = {},
): Promise<Standin> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-bw-standin-'));
  const tls = makeSelfSignedCertificate(dir);
  const startedAt = new Date().toISOString();
  const vault = {
    folders: encryptFolders(plain, account.userKey, startedAt),
    ciphers: plain.items.map((item) => encryptItem(item, account.userKey, options)),
  };
  let revisionDate = Date.now();
  let userKeyId: string | null = null;
  const imports: ImportRequest[] = [];
  const requests: string[] = [];
  const unknownRequests: string[] = [];
  let url = '';

  const handlers: Record<string, Handler> = {
    'GET /api/config': () => ({ json: serverConfig(url, options.featureStates ?? {}) }),
    'POST /identity/accounts/prelogin': () => ({ json: prelogin(account) }),
    'POST /identity/accounts/prelogin/password': () => ({ json: prelogin(account) }),
    'POST /identity/connect/token': (body) => token(account, url, body),
    'GET /api/accounts/revision-date': () => ({ json: revisionDate }),
    'GET /api/sync': () => ({ json: sync(account, vault, userKeyId) }),
    // The CLI gives a key id to a user key the server has none for, right after logging in.
    'POST /api/accounts/key-management/user-key-id': (body) => {
      userKeyId = (JSON.parse(body) as { userKeyId?: string }).userKeyId ?? null;
      return { empty: true };
    },
    'POST /api/ciphers/import': (body) => {
      const posted = JSON.parse(body) as ImportRequest;
      imports.push(posted);
      storeImport(vault, posted);
      revisionDate = Date.now();
      return { empty: true };
    },
  };

  const server = https.createServer({ key: tls.key, cert: tls.cert }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const route = `${request.method} ${new URL(request.url ?? '/', url).pathname}`;
      requests.push(route);
      const handler = handlers[route];
      if (handler === undefined) {
        unknownRequests.push(route);
        send(response, 404, { message: `stand-in has no ${route}` });
        return;
      }
      try {
        const answer = handler(Buffer.concat(chunks).toString('utf8'));
        if ('status' in answer) send(response, answer.status, answer.json);
        else if ('empty' in answer) send(response, 200, null);
        else send(response, 200, answer.json);
      } catch (error) {
        send(response, 500, { message: String(error) });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    caCertPath: tls.certPath,
    imports,
    requests,
    unknownRequests,
    vault,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function send(response: ServerResponse, status: number, json: unknown): void {
  if (json === null) {
    response.writeHead(status).end();
    return;
  }
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(json));
}

function kdf(account: StandinAccount): JsonObject {
  return { kdfType: KDF_PBKDF2_SHA256, iterations: account.kdfIterations };
}

/** The KDF settings and salt, both the older flat fields and the newer `kdfSettings` + `salt`. */
function prelogin(account: StandinAccount): unknown {
  return {
    kdf: KDF_PBKDF2_SHA256,
    kdfIterations: account.kdfIterations,
    kdfMemory: null,
    kdfParallelism: null,
    kdfSettings: kdf(account),
    salt: account.email.trim().toLowerCase(),
  };
}

function masterPasswordUnlock(account: StandinAccount): JsonObject {
  return {
    kdf: kdf(account),
    masterKeyEncryptedUserKey: account.protectedUserKey,
    salt: account.email.trim().toLowerCase(),
  };
}

/** The RSA key pair, V1 style (no signing key or security state). */
function accountKeys(account: StandinAccount): JsonObject {
  return {
    publicKeyEncryptionKeyPair: {
      wrappedPrivateKey: account.wrappedPrivateKey,
      publicKey: account.publicKey,
    },
    signatureKeyPair: null,
    securityState: null,
  };
}

/**
 * /identity/connect/token, form-encoded: `grant_type=password` with the email and the server hash
 * of the master password, or `grant_type=refresh_token`.
 */
function token(account: StandinAccount, url: string, body: string): Answer {
  const form = new URLSearchParams(body);
  const grant = form.get('grant_type');
  const passwordOk =
    grant === 'password' &&
    form.get('username')?.trim().toLowerCase() === account.email.trim().toLowerCase() &&
    form.get('password') === account.serverPasswordHash;
  if (!passwordOk && grant !== 'refresh_token') {
    return {
      status: 400,
      json: {
        error: 'invalid_grant',
        error_description: 'invalid_username_or_password',
        ErrorModel: { Message: 'Username or password is incorrect. Try again.', Object: 'error' },
      },
    };
  }
  return {
    json: {
      access_token: accessToken(account, url),
      expires_in: TOKEN_LIFETIME_SECONDS,
      token_type: 'Bearer',
      refresh_token: crypto.randomBytes(32).toString('base64url'),
      scope: 'api offline_access',
      Key: account.protectedUserKey,
      PrivateKey: account.wrappedPrivateKey,
      AccountKeys: accountKeys(account),
      Kdf: KDF_PBKDF2_SHA256,
      KdfIterations: account.kdfIterations,
      KdfMemory: null,
      KdfParallelism: null,
      ForcePasswordReset: false,
      ResetMasterPassword: false,
      MasterPasswordPolicy: null,
      ApiUseKeyConnector: false,
      UserDecryptionOptions: {
        HasMasterPassword: true,
        MasterPasswordUnlock: masterPasswordUnlock(account),
        Object: 'userDecryptionOptions',
      },
    },
  };
}

/** An unsigned JWT: the CLI reads its claims (user id, email, expiry) and never checks it. */
function accessToken(account: StandinAccount, url: string): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return [
    part({ alg: 'RS256', typ: 'JWT' }),
    part({
      iss: `${url}/identity`,
      nbf: now,
      iat: now,
      exp: now + TOKEN_LIFETIME_SECONDS,
      scope: ['api', 'offline_access'],
      amr: ['Application'],
      client_id: 'cli',
      sub: account.userId,
      auth_time: now,
      idp: 'bitwarden',
      premium: true,
      email: account.email,
      email_verified: true,
      sstamp: account.securityStamp,
      name: 'CLI Judge',
      orgowner: [],
      device: 'stand-in',
    }),
    Buffer.from('stand-in').toString('base64url'),
  ].join('.');
}

function serverConfig(url: string, featureStates: Record<string, boolean>): unknown {
  return {
    object: 'config',
    version: SERVER_VERSION,
    gitHash: 'standin',
    server: null,
    environment: {
      cloudRegion: null,
      vault: url,
      api: `${url}/api`,
      identity: `${url}/identity`,
      notifications: `${url}/notifications`,
      sso: '',
    },
    featureStates,
    push: { pushTechnology: 0, vapidPublicKey: null },
    settings: { disableUserRegistration: true },
  };
}

function sync(account: StandinAccount, vault: Standin['vault'], userKeyId: string | null): unknown {
  return {
    object: 'sync',
    profile: {
      object: 'profile',
      id: account.userId,
      name: 'CLI Judge',
      email: account.email,
      emailVerified: true,
      premium: true,
      premiumFromOrganization: false,
      culture: 'en-US',
      twoFactorEnabled: false,
      key: account.protectedUserKey,
      privateKey: account.wrappedPrivateKey,
      accountKeys: accountKeys(account),
      securityStamp: account.securityStamp,
      forcePasswordReset: false,
      usesKeyConnector: false,
      avatarColor: null,
      creationDate: '2024-01-01T00:00:00.000Z',
      verifyDevices: false,
      organizations: [],
      providers: [],
      providerOrganizations: [],
    },
    folders: vault.folders,
    collections: [],
    ciphers: vault.ciphers,
    domains: null,
    policies: [],
    sends: [],
    userDecryption: { masterPasswordUnlock: masterPasswordUnlock(account), userKeyId },
  };
}

/** Keeps imported folders and ciphers, as the real server does, so a later sync returns them. */
function storeImport(vault: Standin['vault'], posted: ImportRequest): void {
  const now = new Date().toISOString();
  // A posted folder with the id of an existing one (a Bitwarden .json file's) is that folder.
  const folderIds = posted.folders.map((folder) => {
    if (typeof folder.id === 'string' && vault.folders.some(({ id }) => id === folder.id)) {
      return folder.id;
    }
    const id = crypto.randomUUID();
    vault.folders.push({ id, name: folder.name ?? null, revisionDate: now, object: 'folder' });
    return id;
  });
  const folderOf = new Map(posted.folderRelationships.map(({ key, value }) => [key, value]));
  posted.ciphers.forEach((cipher, index) => {
    const folderIndex = folderOf.get(index);
    // Fields only a request has; a request's attachments are a map, a response's a list.
    const {
      attachments: _attachments,
      attachments2: _attachments2,
      lastKnownRevisionDate: _lastKnown,
      encryptedFor: _encryptedFor,
      ...stored
    } = cipher;
    vault.ciphers.push({
      ...stored,
      attachments: null,
      object: 'cipherDetails',
      id: crypto.randomUUID(),
      folderId: folderIndex === undefined ? null : (folderIds[folderIndex] ?? null),
      organizationId: null,
      collectionIds: [],
      edit: true,
      viewPassword: true,
      permissions: { delete: true, restore: true },
      organizationUseTotp: false,
      revisionDate: now,
      creationDate: now,
      deletedDate: null,
    });
  });
}
