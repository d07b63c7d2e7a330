import { freshExtensionState } from './fake-extension';
import { encryptItems, decryptItems } from '@/src/formats/encrypted-item';
import { importSymmetricKey } from '@/src/crypto/symmetric-key';
import { randomBytes } from '@/src/crypto/random';
import { truthItems } from '../helpers/truth-items';
import { syntheticVault } from './synthetic-vault';
freshExtensionState();
const vault = syntheticVault(10000);
const key = await importSymmetricKey(randomBytes(64));
const recs = await encryptItems(truthItems({ items: vault.views, folders: vault.folders } as any), key);
for (let i = 0; i < 3; i++) { const t = performance.now(); await decryptItems(recs, key); console.log('decrypt', (performance.now() - t).toFixed(0)); }
