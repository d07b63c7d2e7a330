/**
 * Searches a browser profile for a marker the way an attacker with the disk would: every file
 * under the folder, as raw bytes, for the marker's UTF-8, UTF-16 (both byte orders) and base64
 * forms (base64 at each of the three byte alignments a surrounding text can give it).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface TraceHit {
  file: string;
  form: string;
}

/** Every form in which text holding the marker could be written, as byte patterns. */
function markerForms(marker: string): { form: string; bytes: Buffer }[] {
  const utf8 = Buffer.from(marker, 'utf8');
  const utf16le = Buffer.from(marker, 'utf16le');
  const utf16be = Buffer.from(utf16le).swap16();
  const forms = [
    { form: 'utf-8', bytes: utf8 },
    { form: 'utf-16le', bytes: utf16le },
    { form: 'utf-16be', bytes: utf16be },
  ];
  for (let shift = 0; shift < 3; shift++) {
    // The first and last 4 characters depend on the bytes around the marker: only the middle
    // of its base64 is the same wherever it stands.
    const encoded = Buffer.concat([Buffer.alloc(shift), utf8]).toString('base64');
    const middle = encoded.slice(4, -4);
    forms.push({ form: `base64 (+${shift})`, bytes: Buffer.from(middle, 'ascii') });
    forms.push({
      form: `base64url (+${shift})`,
      bytes: Buffer.from(middle.replace(/\+/g, '-').replace(/\//g, '_'), 'ascii'),
    });
  }
  return forms;
}

export function scanForMarker(root: string, marker: string, exclude: string[] = []): TraceHit[] {
  const forms = markerForms(marker);
  const hits: TraceHit[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (exclude.some((e) => full === e || full.startsWith(e + path.sep))) continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const data = fs.readFileSync(full);
        for (const { form, bytes } of forms) {
          if (data.includes(bytes)) hits.push({ file: path.relative(root, full), form });
        }
      }
    }
  };
  walk(root);
  return hits;
}

/** The part of the downloads API the scans ask: what is still in the browser's download list. */
export interface DownloadsApi {
  downloads: { search(query: object): Promise<{ filename: string }[]> };
}
