/** Country names (English or Swahili), ISO codes and common variants to ISO 3166-1 alpha-2 codes. */
import { getCountries } from 'libphonenumber-js/max';
import { cleanSpaces, fail, isBlank, ok, type Result } from './result.ts';

// Variants Intl's names do not cover: official names, alpha-3 codes of the region, everyday short forms.
const aliases: Record<string, string> = {
  'united republic of tanzania': 'TZ',
  'tanzania united republic of': 'TZ',
  'jamhuri ya muungano wa tanzania': 'TZ',
  tanzania: 'TZ',
  zanzibar: 'TZ',
  tza: 'TZ',
  ken: 'KE',
  'republic of kenya': 'KE',
  uga: 'UG',
  rwa: 'RW',
  bdi: 'BI',
  eth: 'ET',
  som: 'SO',
  ssd: 'SS',
  cod: 'CD',
  drc: 'CD',
  'dr congo': 'CD',
  'democratic republic of the congo': 'CD',
  'congo kinshasa': 'CD',
  'congo brazzaville': 'CG',
  'republic of the congo': 'CG',
  moz: 'MZ',
  mwi: 'MW',
  zmb: 'ZM',
  zaf: 'ZA',
  usa: 'US',
  'u s a': 'US',
  'u s': 'US',
  'united states of america': 'US',
  america: 'US',
  uk: 'GB',
  'u k': 'GB',
  britain: 'GB',
  'great britain': 'GB',
  england: 'GB',
  uae: 'AE',
  emirates: 'AE',
  china: 'CN',
  prc: 'CN',
  'ivory coast': 'CI',
};

let names: Map<string, string> | undefined;

/** Keys for matching: lowercase, no accents, punctuation as spaces ("Côte d’Ivoire" → "cote d ivoire"). */
function key(text: string): string {
  return cleanSpaces(text)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Built once from Intl in English and Swahili, over the country list libphonenumber-js already ships.
function countryNames(): Map<string, string> {
  if (names) return names;
  names = new Map();
  const english = new Intl.DisplayNames(['en'], { type: 'region' });
  const swahili = new Intl.DisplayNames(['sw'], { type: 'region' });
  for (const code of getCountries()) {
    names.set(code.toLowerCase(), code);
    for (const display of [english, swahili]) {
      const name = display.of(code);
      if (name && name !== code) names.set(key(name), code);
    }
  }
  for (const [alias, code] of Object.entries(aliases)) names.set(key(alias), code);
  return names;
}

/** "Tanzania", "TZ", "TZA", "United Republic of Tanzania", "Kenya", "Marekani", "USA" → ISO alpha-2. */
export function normaliseCountry(text: string): Result<string> {
  if (isBlank(text)) return ok(null);
  const lookup = key(text);
  const code = countryNames().get(lookup) ?? countryNames().get(lookup.replace(/^the /, ''));
  return code ? ok(code) : fail(`"${cleanSpaces(text)}" is not a country`);
}
