import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

// ID and phone numbers are kept encrypted (AES-256-GCM), so a dump or a stolen backup shows no
// readable number; a keyed hash (HMAC-SHA-256) of the ID number makes it unique and findable by
// exact value without decrypting anything. Both keys are derived from one data-encryption key.

const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** 128 bits of the HMAC: no collision among the IDs of a country, half the index of a full one. */
const LOOKUP_BYTES = 16;

/** What a sealed value is for: bound into the ciphertext, so a phone cannot be passed off as an ID. */
export type PersonalField = 'id_number' | 'phone';
const AAD: Record<PersonalField, Buffer> = { id_number: Buffer.from('id_number'), phone: Buffer.from('phone') };
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/** Reads a data-encryption key: 64 hex digits or the base64 of 32 bytes. */
export function parseDataKey(raw: string, name = 'DATA_ENCRYPTION_KEY'): Buffer {
  const text = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, as 64 hex digits or base64 (got ${key.length} bytes)`);
  return key;
}

export class PersonalDataCipher {
  private readonly sealKey: Buffer;
  private readonly lookupKey: Buffer;

  constructor(dataKey: Uint8Array) {
    if (dataKey.length !== 32) throw new Error('The data-encryption key must be 32 bytes');
    this.sealKey = Buffer.from(hkdfSync('sha256', dataKey, '', 'gonghui personal data: AES-256-GCM', 32));
    this.lookupKey = Buffer.from(hkdfSync('sha256', dataKey, '', 'gonghui personal data: lookup HMAC', 32));
  }

  /** format byte, IV, tag, ciphertext. */
  seal(field: PersonalField, plain: string): Buffer {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv).setAAD(AAD[field]);
    const body = cipher.update(plain, 'utf8');
    cipher.final(); // GCM is a stream mode: final() adds nothing, it computes the tag
    const sealed = Buffer.allocUnsafe(HEADER_BYTES + body.length);
    sealed[0] = FORMAT;
    iv.copy(sealed, 1);
    cipher.getAuthTag().copy(sealed, 1 + IV_BYTES);
    body.copy(sealed, HEADER_BYTES);
    return sealed;
  }

  // Fresh random IVs, drawn a few thousand at a time: one call to the system's generator per
  // batch rather than per number (a bulk load seals millions).
  private ivs = Buffer.alloc(0);
  private ivAt = 0;
  private nextIv(): Buffer {
    if (this.ivAt + IV_BYTES > this.ivs.length) {
      this.ivs = randomBytes(IV_BYTES * 4096);
      this.ivAt = 0;
    }
    const iv = this.ivs.subarray(this.ivAt, this.ivAt + IV_BYTES);
    this.ivAt += IV_BYTES;
    return iv;
  }

  open(field: PersonalField, sealed: Buffer): string {
    if (sealed.length < HEADER_BYTES || sealed[0] !== FORMAT) throw new Error(`a sealed ${field} of an unknown format`);
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, sealed.subarray(1, 1 + IV_BYTES)).setAAD(AAD[field]);
    decipher.setAuthTag(sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
  }

  /** The keyed hash of a normalised ID number: equal numbers, equal hashes; nothing to read back. */
  lookupHash(idNumber: string): Buffer {
    return createHmac('sha256', this.lookupKey).update(idNumber).digest().subarray(0, LOOKUP_BYTES);
  }
}
