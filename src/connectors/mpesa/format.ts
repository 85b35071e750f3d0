/**
 * Daraja's small formats: EAT timestamps without a zone, amounts as strings or floats, phone numbers
 * as digits (sometimes masked or hashed), the STK password, and what each result code means.
 */

/** Kenya keeps East Africa Time all year (UTC+3, no daylight saving). */
const eatOffsetMs = 3 * 60 * 60 * 1000;

const timestampPattern = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** `YYYYMMDDHHmmss` in EAT, as Daraja wants in `Timestamp`. */
export function eatTimestamp(instant: Date): string {
  const eat = new Date(instant.getTime() + eatOffsetMs);
  const two = (value: number) => String(value).padStart(2, '0');
  return (
    String(eat.getUTCFullYear()) +
    two(eat.getUTCMonth() + 1) +
    two(eat.getUTCDate()) +
    two(eat.getUTCHours()) +
    two(eat.getUTCMinutes()) +
    two(eat.getUTCSeconds())
  );
}

/**
 * Reads `TransTime` ("20231121121325") or `TransactionDate` (20191219102115, a number) as an EAT
 * wall-clock time. Daraja does not say the zone; every sample matches Nairobi time.
 */
export function parseEatTimestamp(value: string | number): Date | undefined {
  const match = timestampPattern.exec(String(value).trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(local);
  // Date.UTC rolls 31 February over into March; a real timestamp survives the round trip.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59)
    return undefined;
  return new Date(local - eatOffsetMs);
}

/** "5.00" → 500, 1 → 100, 10.5 → 1050; undefined for anything that is not a plain amount. */
export function toMinorUnits(value: string | number): number | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return undefined;
    return Math.round(value * 100);
  }
  const match = /^(\d+)(?:\.(\d{1,2})0*)?$/.exec(value.trim().replace(/,/g, ''));
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/**
 * A Kenyan mobile number in the form Daraja wants (2547XXXXXXXX or 2541XXXXXXXX) from +254…, 254…,
 * 07…/01… or 7…/1…; undefined when it is not one.
 */
export function darajaMsisdn(input: string): string | undefined {
  const compact = input.replace(/[\s\-().]/g, '');
  const match = /^(?:\+?254|0)?([71]\d{8})$/.exec(compact);
  return match ? `254${match[1]}` : undefined;
}

/**
 * A dialable E.164 number from a callback's MSISDN, or null: C2B v2 masks it ("2547 ***** 126"),
 * C2B v1 sends a SHA-256 hash, and neither can be dialled or matched to a customer.
 */
export function phoneFromMsisdn(value: string | number | undefined | null): string | null {
  if (value === undefined || value === null) return null;
  const text = String(value).trim();
  return /^254\d{9}$/.test(text) ? `+${text}` : null;
}

/** Why an STK push (or a status query) did not end in a payment, in the owner's words. */
const resultMeanings: Record<string, string> = {
  '0': 'paid',
  '1': "the customer's M-Pesa balance was not enough",
  '2': 'the amount is below the M-Pesa minimum',
  '3': 'the amount is above the M-Pesa maximum',
  '4': "the payment would exceed the customer's daily limit",
  '8': "the payment would exceed the customer's maximum balance",
  '17': 'M-Pesa blocked a repeat of a very similar payment; wait two minutes before asking again',
  '1019': 'the request expired before the customer answered',
  '1025': 'M-Pesa could not send the prompt to the phone',
  '1032': 'the customer cancelled the request',
  '1037': 'the phone could not be reached (off, out of coverage or the SIM too old)',
  '2001': 'the customer entered a wrong PIN',
  '2028': 'this short code is not allowed to receive this kind of payment (pay bill vs till)',
  '8006': "the customer's M-Pesa PIN is locked",
  '9999': 'M-Pesa could not send the prompt to the phone',
  SFC_IC0003: 'M-Pesa does not recognise the short code or operator',
};

export function resultMeaning(code: string | number, description?: string): string {
  const known = resultMeanings[String(code)];
  if (known) return known;
  return description ? `M-Pesa said: ${description}` : `M-Pesa result code ${code}`;
}

/** Base64 of text as UTF-8 (btoa alone throws on characters beyond Latin-1). */
export function base64OfText(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The STK push password: base64(ShortCode + Passkey + Timestamp).
 * Doc: https://developer.safaricom.co.ke/apis/MpesaExpressSimulate
 */
export function stkPassword(shortCode: string, passkey: string, timestamp: string): string {
  return base64OfText(`${shortCode}${passkey}${timestamp}`);
}
