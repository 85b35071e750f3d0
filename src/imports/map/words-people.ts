/**
 * Header words for people and places (names, phones, emails, addresses), English and Swahili as
 * written in Tanzania and Kenya. Indexed per entity in synonyms.ts.
 */

export const fullName = [
  'name',
  'names',
  'jina',
  'majina',
  'jina kamili',
  'full name',
  'contact name',
  'display name',
];
export const personName = ['customer name', 'client name', 'jina la mteja', 'mteja', 'customer', 'client'];
export const firstName = ['first name', 'given name', 'forename', 'fname', 'jina la kwanza'];
export const lastName = ['last name', 'surname', 'family name', 'lname', 'jina la mwisho', 'jina la ukoo'];
export const phone = [
  'simu',
  'namba ya simu',
  'nambari ya simu',
  'namba ya simu ya mkononi',
  'simu ya mkononi',
  'tel',
  'tel no',
  'telephone',
  'telephone number',
  'mobile',
  'mobile no',
  'mobile number',
  'mobile phone',
  'cell',
  'cell phone',
  'cellphone',
  'phone no',
  'phone number',
  'phone numbers',
  'primary phone',
  'contact number',
  'msisdn',
  'whatsapp',
  'whatsapp number',
];
export const email = [
  'e mail',
  'email address',
  'e mail address',
  'email id',
  'mail',
  'barua pepe',
  'anwani ya barua pepe',
  'primary email',
];
export const company = [
  'kampuni',
  'jina la kampuni',
  'company name',
  'business',
  'business name',
  'biashara',
  'jina la biashara',
  'organization',
  'organisation',
  'organization name',
  'account name',
  'company account',
];
export const street = [
  'address',
  'anwani',
  'mtaa',
  'street',
  'address 1',
  'address line 1',
  'street address',
  'physical address',
  'billing address',
  'bill address',
];
export const city = ['town', 'mji', 'jiji', 'mji town', 'city town'];
export const region = ['mkoa', 'state', 'province', 'county', 'kaunti', 'state province', 'state region'];
export const postalCode = [
  'postcode',
  'post code',
  'zip',
  'zip code',
  'postal',
  'po box',
  'p o box',
  's l p',
  'sanduku la posta',
];
export const country = ['nchi', 'country code', 'country region'];
export const tags = [
  'tag',
  'lebo',
  'labels',
  'groups',
  'group',
  'kundi',
  'segment',
  'category',
  'customer group',
  'customer group name',
];
export const notes = [
  'note',
  'maelezo',
  'comments',
  'comment',
  'remarks',
  'remark',
  'maoni',
  'memo',
  'kumbukumbu',
];
