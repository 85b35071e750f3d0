/** Yes/no cells in English and Swahili, checkbox marks and marketing-consent values to true or false. */
import { cleanSpaces, fail, isBlank, ok, type Result } from './result.ts';

const truthy = [
  'yes',
  'y',
  'true',
  't',
  '1',
  '1.0',
  'x',
  '✓',
  '✔',
  'on',
  'ndiyo',
  'ndio',
  'kweli',
  'sawa',
  'subscribed',
  'opted in',
  'opt in',
  'opt-in',
  'accepts marketing',
  'accepts email marketing',
  'accepts sms marketing',
  'active',
  'enabled',
  'checked',
];
const falsy = [
  'no',
  'n',
  'false',
  'f',
  '0',
  '0.0',
  'off',
  'hapana',
  'la',
  'uongo',
  'si kweli',
  'unsubscribed',
  'not subscribed',
  'opted out',
  'opt out',
  'opt-out',
  'does not accept marketing',
  'declined',
  'inactive',
  'disabled',
  'unchecked',
];
const values = new Map<string, boolean>([
  ...truthy.map((word): [string, boolean] => [word, true]),
  ...falsy.map((word): [string, boolean] => [word, false]),
]);

/**
 * true or false from "yes"/"no", "Y"/"N", "TRUE"/"FALSE", "1"/"0", "x", "ndiyo"/"hapana", "kweli"/"uongo",
 * "subscribed"/"unsubscribed"… An empty cell is null, which checkbox columns treat as false.
 */
export function normaliseBoolean(text: string): Result<boolean> {
  if (isBlank(text)) return ok(null);
  const key = cleanSpaces(text)
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .replace(/[.!]+$/, '');
  const value = values.get(key);
  return value === undefined ? fail(`"${cleanSpaces(text)}" is not yes or no`) : ok(value);
}
